/**
 * What a node's user data says, when it is known: the decoded text, the files cloud-init writes,
 * and the `[options]` of the odoo.conf among them.
 *
 * A launch template's `userData` is base64 (EC2's own encoding); an instance has `userData` (text)
 * or `userDataBase64`. Either may be gzip-compressed. The components render a `#cloud-config`
 * whose `write_files` hold /etc/odoo/odoo.conf, each file possibly base64/gzip encoded.
 */
import { gunzipSync } from "node:zlib";
import { parse as parseYaml } from "yaml";
import { ODOO_DEFAULT_DB_MAXCONN } from "../../components/contract/sizing";

/** Odoo's own default `max_cron_threads` (odoo/tools/config.py, 17.0–19.0): an odoo.conf without the key runs cron. */
export const ODOO_DEFAULT_MAX_CRON_THREADS = 2;
/** Odoo's own default `workers`: 0, the threaded server. */
export const ODOO_DEFAULT_WORKERS = 0;
export { ODOO_DEFAULT_DB_MAXCONN };

/** A file cloud-init would write. */
export interface UserDataFile {
    path: string;
    content: string;
}

/** Decoded user data. */
export interface DecodedUserData {
    /** The user data as text (after base64 and gzip). */
    text: string;
    /** The `write_files` of a #cloud-config, contents decoded. */
    files: UserDataFile[];
}

const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;

function gunzipIfCompressed(bytes: Buffer): Buffer {
    if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
            return gunzipSync(bytes);
        } catch {
            return bytes;
        }
    }
    return bytes;
}

function decodeFileContent(content: unknown, encoding: unknown): string | undefined {
    let bytes: Buffer;
    if (typeof content === "string") {
        const enc = typeof encoding === "string" ? encoding.toLowerCase() : "text/plain";
        bytes = enc.includes("b64") || enc.includes("base64") ? Buffer.from(content, "base64") : Buffer.from(content, "utf8");
    } else if (content instanceof Uint8Array) {
        // YAML's !!binary arrives already decoded.
        bytes = Buffer.from(content);
    } else {
        return undefined;
    }
    return gunzipIfCompressed(bytes).toString("utf8");
}

/** The write_files of a #cloud-config document; [] when the text is not one or does not parse. */
export function cloudConfigFiles(text: string): UserDataFile[] {
    if (!text.trimStart().startsWith("#cloud-config")) {
        return [];
    }
    let doc: unknown;
    try {
        doc = parseYaml(text);
    } catch {
        return [];
    }
    const writeFiles = (doc as { write_files?: unknown } | null)?.write_files;
    if (!Array.isArray(writeFiles)) {
        return [];
    }
    const files: UserDataFile[] = [];
    for (const entry of writeFiles as { path?: unknown; content?: unknown; encoding?: unknown }[]) {
        if (!entry || typeof entry.path !== "string") {
            continue;
        }
        const content = decodeFileContent(entry.content ?? "", entry.encoding);
        if (content !== undefined) {
            files.push({ path: entry.path, content });
        }
    }
    return files;
}

/**
 * Decoded user data by its raw value: every stack policy that looks at nodes reads the same
 * launch templates again, and parsing a cloud-config is the costly part. Bounded; a stack rarely
 * has more distinct user data than this.
 */
const decodedCache = new Map<string, DecodedUserData>();
const DECODED_CACHE_LIMIT = 512;

/** Decodes user data; `base64` says whether the property holds base64 (launch templates, userDataBase64). */
export function decodeUserData(value: string, base64: boolean): DecodedUserData {
    const key = `${base64 ? "b" : "t"}:${value}`;
    let decoded = decodedCache.get(key);
    if (!decoded) {
        decoded = decodeUncached(value, base64);
        if (decodedCache.size >= DECODED_CACHE_LIMIT) {
            decodedCache.clear();
        }
        decodedCache.set(key, decoded);
    }
    return decoded;
}

function decodeUncached(value: string, base64: boolean): DecodedUserData {
    const bytes = base64 && BASE64.test(value) ? Buffer.from(value, "base64") : Buffer.from(value, "utf8");
    const text = gunzipIfCompressed(bytes).toString("utf8");
    return { text, files: cloudConfigFiles(text) };
}

/**
 * The `[options]` section of an odoo.conf, as Odoo's configparser reads it (`key = value` or
 * `key: value`, `;`/`#` comments, other sections ignored).
 */
export function parseOdooConf(content: string): Map<string, string> {
    const options = new Map<string, string>();
    let section = "";
    for (const rawLine of content.split(/\r?\n/)) {
        const line = rawLine.trim();
        if (line === "" || line.startsWith("#") || line.startsWith(";")) {
            continue;
        }
        const header = /^\[([^\]]+)\]$/.exec(line);
        if (header) {
            section = header[1].trim();
            continue;
        }
        const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
        if (kv && section === "options") {
            options.set(kv[1].trim().toLowerCase(), kv[2].trim());
        }
    }
    return options;
}

const confCache = new WeakMap<DecodedUserData, Map<string, string> | undefined>();

/** The odoo.conf cloud-init writes (the official image reads /etc/odoo/odoo.conf), if any. */
export function odooConfOf(userData: DecodedUserData): Map<string, string> | undefined {
    if (confCache.has(userData)) {
        return confCache.get(userData);
    }
    const conf = userData.files.find((f) => f.path === "/etc/odoo/odoo.conf") ?? userData.files.find((f) => f.path.endsWith("/odoo.conf"));
    const options = conf ? parseOdooConf(conf.content) : undefined;
    confCache.set(userData, options);
    return options;
}

/** The settings of an odoo.conf that decide cron and connections, Odoo's defaults filling the gaps. */
export interface JudgedConfSettings {
    maxCronThreads: number;
    workers: number;
    dbMaxconn: number;
}

function integerOption(options: Map<string, string>, key: string, fallback: number): number {
    const raw = options.get(key);
    return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : fallback;
}

/** Reads the settings the policies judge from an odoo.conf's options. */
export function judgedConfSettings(options: Map<string, string>): JudgedConfSettings {
    return {
        maxCronThreads: integerOption(options, "max_cron_threads", ODOO_DEFAULT_MAX_CRON_THREADS),
        workers: integerOption(options, "workers", ODOO_DEFAULT_WORKERS),
        dbMaxconn: integerOption(options, "db_maxconn", ODOO_DEFAULT_DB_MAXCONN),
    };
}
