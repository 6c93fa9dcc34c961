/**
 * The `[options]` keys each supported Odoo version loads from odoo.conf, as data. The tests use it
 * to prove a rendered odoo.conf only uses keys the targeted version knows: Odoo 17 and 18 keep an
 * unknown key silently, so a typo or a key of another version would simply never take effect.
 *
 * Sources (odoo/odoo, file `odoo/tools/config.py`, the options its config manager reads from the
 * file; odoo/odoo `odoo/addons/base/tests/test_configmanager.py` lists the same per branch):
 * - 17.0: branch 17.0. No `db_replica_*` (read-only replicas arrived in 18.0), `gevent_port` with
 *   `longpolling_port` as its deprecated alias, `without_demo`.
 * - 18.0: branch 18.0. Adds `db_replica_host`/`db_replica_port`, `limit_memory_soft_gevent`,
 *   `limit_memory_hard_gevent` and `limit_time_worker_cron`.
 * - 19.0: branch 19.0. `with_demo` replaces `without_demo` (demo data is off by default; the file
 *   loader still maps an old `without_demo` key), `longpolling_port` is gone, adds `db_app_name`,
 *   `proxy_access_token`, `import_file_*` / `import_url_regex`, `bin_path`,
 *   `default_productivity_apps`, `pre_upgrade_scripts`. Its default `server_wide_modules` is
 *   `base,rpc,web`; `base` and `web` are forced back in when missing, `rpc` is not.
 */
import { OdooVersion } from "../contract/odooVersion";

/** Keys every supported version loads from the file. */
const COMMON_OPTIONS = [
    // Not on the command line, file only.
    "admin_passwd",
    "csv_internal_sep",
    "publisher_warranty_url",
    "reportgz",
    "websocket_keep_alive_timeout",
    "websocket_rate_limit_burst",
    "websocket_rate_limit_delay",
    // Common.
    "import_partial",
    "pidfile",
    "addons_path",
    "upgrade_path",
    "server_wide_modules",
    "data_dir",
    // HTTP.
    "http_interface",
    "http_port",
    "gevent_port",
    "http_enable",
    "proxy_mode",
    "x_sendfile",
    "dbfilter",
    // Testing.
    "screencasts",
    "screenshots",
    // Logging.
    "logfile",
    "syslog",
    "log_handler",
    "log_db",
    "log_db_level",
    "log_level",
    // SMTP.
    "email_from",
    "from_filter",
    "smtp_server",
    "smtp_port",
    "smtp_ssl",
    "smtp_user",
    "smtp_password",
    "smtp_ssl_certificate_filename",
    "smtp_ssl_private_key_filename",
    // Database.
    "db_name",
    "db_user",
    "db_password",
    "pg_path",
    "db_host",
    "db_port",
    "db_sslmode",
    "db_maxconn",
    "db_maxconn_gevent",
    "db_template",
    // Security.
    "list_db",
    // Advanced.
    "osv_memory_count_limit",
    "transient_age_limit",
    "max_cron_threads",
    "unaccent",
    "geoip_city_db",
    "geoip_country_db",
    // Multiprocessing (POSIX).
    "workers",
    "limit_memory_soft",
    "limit_memory_hard",
    "limit_time_cpu",
    "limit_time_real",
    "limit_time_real_cron",
    "limit_request",
] as const;

/** The odoo.conf `[options]` keys each supported version loads. */
export const ODOO_CONF_OPTIONS: Record<OdooVersion, readonly string[]> = {
    "17.0": [...COMMON_OPTIONS, "without_demo", "longpolling_port"],
    "18.0": [
        ...COMMON_OPTIONS,
        "without_demo",
        "db_replica_host",
        "db_replica_port",
        "limit_memory_soft_gevent",
        "limit_memory_hard_gevent",
        "limit_time_worker_cron",
    ],
    "19.0": [
        ...COMMON_OPTIONS,
        "with_demo",
        "db_replica_host",
        "db_replica_port",
        "limit_memory_soft_gevent",
        "limit_memory_hard_gevent",
        "limit_time_worker_cron",
        "db_app_name",
        "proxy_access_token",
        "import_file_maxbytes",
        "import_file_timeout",
        "import_url_regex",
        "bin_path",
        "default_productivity_apps",
        "pre_upgrade_scripts",
    ],
};

/** Whether `version` reads `option` from odoo.conf. */
export function isOdooOption(version: OdooVersion, option: string): boolean {
    return ODOO_CONF_OPTIONS[version].includes(option);
}

/** Odoo's default `server_wide_modules` per version; 19.0 added `rpc`, which serves the external XML-RPC/JSON-RPC API. */
export const DEFAULT_SERVER_WIDE_MODULES: Record<OdooVersion, readonly string[]> = {
    "17.0": ["base", "web"],
    "18.0": ["base", "web"],
    "19.0": ["base", "rpc", "web"],
};
