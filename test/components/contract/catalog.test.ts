import { strict as assert } from "node:assert";
import {
    DATABASE_INSTANCE_CLASSES,
    NODE_INSTANCE_TYPES,
    PRICE_SOURCE,
    databaseInstanceClass,
    maxConnectionsFor,
    nodeInstanceType,
} from "../../../components/contract/catalog";
import { throwsArgumentError } from "../../harness/argumentErrors";

const SIZE_ORDER = ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "16xlarge"];

function byFamily<T extends { name: string; family: string }>(entries: readonly T[]): Map<string, T[]> {
    const families = new Map<string, T[]>();
    for (const e of entries) {
        families.set(e.family, [...(families.get(e.family) ?? []), e]);
    }
    for (const list of families.values()) {
        list.sort((a, b) => SIZE_ORDER.indexOf(a.name.split(".").pop()!) - SIZE_ORDER.indexOf(b.name.split(".").pop()!));
    }
    return families;
}

describe("the instance catalog", () => {
    it("has the node families t4g, c7g, m7g, m7i and r7g from large to 4xlarge (t4g stops at 2xlarge)", () => {
        for (const family of ["c7g", "m7g", "m7i", "r7g"]) {
            for (const size of ["large", "xlarge", "2xlarge", "4xlarge"]) {
                assert.ok(nodeInstanceType(`${family}.${size}`), `${family}.${size}`);
            }
        }
        for (const size of ["large", "xlarge", "2xlarge"]) {
            assert.ok(nodeInstanceType(`t4g.${size}`));
        }
    });

    it("has the RDS families the design lists", () => {
        const families = new Set(DATABASE_INSTANCE_CLASSES.map((c) => c.family));
        for (const f of ["db.t4g", "db.m6g", "db.m7g", "db.m8g", "db.m6i", "db.r6g", "db.r7g", "db.r8g", "db.r6i"]) {
            assert.ok(families.has(f), f);
        }
    });

    it("doubles vCPU, memory and price per size step within every node family", () => {
        for (const [family, list] of byFamily(NODE_INSTANCE_TYPES)) {
            for (let i = 1; i < list.length; i++) {
                // Burstable t4g keeps 2 vCPU from medium to large: the one exception.
                const expectedVcpu =
                    list[i - 1].burstable && list[i - 1].name.endsWith(".medium") ? list[i - 1].vcpu : list[i - 1].vcpu * 2;
                assert.equal(list[i].vcpu, expectedVcpu, `${family} vCPU ${list[i].name}`);
                assert.equal(list[i].memoryGiB, list[i - 1].memoryGiB * 2, `${family} memory ${list[i].name}`);
                assert.ok(Math.abs(list[i].usdPerHour / list[i - 1].usdPerHour - 2) < 0.01, `${family} price ${list[i].name}`);
            }
        }
    });

    it("doubles memory per size step within every RDS family, and vCPU from large up", () => {
        for (const [family, list] of byFamily(DATABASE_INSTANCE_CLASSES)) {
            for (let i = 1; i < list.length; i++) {
                assert.equal(list[i].memoryGiB, list[i - 1].memoryGiB * 2, `${family} memory ${list[i].name}`);
                // db.t4g.micro to db.t4g.large all have 2 vCPU: burstable classes below xlarge are the exception.
                const expectedVcpu = /\.(micro|small|medium)$/.test(list[i - 1].name) ? list[i - 1].vcpu : list[i - 1].vcpu * 2;
                assert.equal(list[i].vcpu, expectedVcpu, `${family} vCPU ${list[i].name}`);
            }
        }
    });

    it("gives every entry a positive price and says where and when prices were read", () => {
        for (const e of [...NODE_INSTANCE_TYPES, ...DATABASE_INSTANCE_CLASSES]) {
            assert.ok(e.usdPerHour > 0 && e.usdPerHour < 20, e.name);
        }
        assert.equal(PRICE_SOURCE.region, "us-east-1");
        assert.match(PRICE_SOURCE.asOf, /^\d{4}-\d{2}$/);
        assert.ok(PRICE_SOURCE.pages.every((p) => p.startsWith("https://aws.amazon.com/")));
    });

    it("marks Graviton types arm64 and Intel types x86_64", () => {
        assert.equal(nodeInstanceType("c7g.xlarge").architecture, "arm64");
        assert.equal(nodeInstanceType("m7i.xlarge").architecture, "x86_64");
    });
});

describe("maxConnectionsFor follows RDS's LEAST(DBInstanceClassMemory / 9531392, 5000)", () => {
    const within10 = (actual: number, expected: number) =>
        assert.ok(Math.abs(actual - expected) <= expected * 0.1, `${actual} not within 10 % of ${expected}`);

    it("gives db.t4g.medium (4 GiB) about 450", () => within10(maxConnectionsFor("db.t4g.medium"), 450));
    it("gives db.m7g.large (8 GiB) about 900", () => within10(maxConnectionsFor("db.m7g.large"), 900));
    it("caps every class of 64 GiB or more at 5000", () => {
        const large = DATABASE_INSTANCE_CLASSES.filter((c) => c.memoryGiB >= 64);
        assert.ok(large.length > 10);
        for (const c of large) {
            assert.equal(maxConnectionsFor(c.name), 5000, c.name);
        }
    });
    it("rejects a class outside the catalog, naming it", () => {
        throwsArgumentError(() => maxConnectionsFor("db.x2g.large"), { property: "instanceClass", value: "db.x2g.large" });
    });
    it("knows which classes Aurora PostgreSQL offers", () => {
        assert.equal(databaseInstanceClass("db.r7g.large").aurora, true);
        assert.equal(databaseInstanceClass("db.m7g.large").aurora, false);
    });
});
