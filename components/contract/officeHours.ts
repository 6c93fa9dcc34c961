/**
 * Office hours of the HTTP fleet: outside them the fleet's minimum drops to a stated floor, while
 * target tracking still adds nodes on load. Two Auto Scaling scheduled actions carry it, each with
 * the IANA time zone, so AWS moves them with daylight saving time and the stack never needs to
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scheduled-scaling.html:
 * "TimeZone … the canonical names of the IANA time zones"; the recurrence is a Unix cron read in
 * that zone). The database never scales on a schedule: a class change restarts it.
 *
 * Pure: validation and the recurrences, no Pulumi resources.
 */
import { OdooArgumentError, requireOneOf, requireWholeNumber } from "./errors";

/** Days the business runs. */
export const OfficeDays = {
    /** Monday to Friday. */
    MondayToFriday: "mon-fri",
    /** Monday to Saturday. */
    MondayToSaturday: "mon-sat",
    /** Every day (the schedule then only trims the nights). */
    EveryDay: "every-day",
} as const;
export type OfficeDays = (typeof OfficeDays)[keyof typeof OfficeDays];
export const OFFICE_DAYS: readonly OfficeDays[] = Object.values(OfficeDays);

/** Day-of-week field of a Unix cron (0 = Sunday) and the number of days, per choice. */
const DAYS: Record<OfficeDays, { cron: string; perWeek: number }> = {
    "mon-fri": { cron: "1-5", perWeek: 5 },
    "mon-sat": { cron: "1-6", perWeek: 6 },
    "every-day": { cron: "*", perWeek: 7 },
};

/**
 * How long before the business day the fleet is raised back to its daytime minimum, so nodes
 * that take up to the default 900 s health-check grace period are serving when users arrive.
 */
export const OFFICE_HOURS_LEAD_MINUTES = 60;

/** Hours in a week. */
export const HOURS_PER_WEEK = 168;

/** Office hours of the HTTP fleet; also `nodes.officeHours` of OdooCluster. */
export interface OfficeHoursOptions {
    /**
     * IANA time zone the hours are in, e.g. `Europe/Brussels`, `America/New_York` or `UTC`: AWS
     * applies daylight saving time itself. Abbreviations such as `CET` or `EST` are refused. Required.
     */
    timeZone: string;
    /** Hour the business day starts, local time, 1–22; the fleet is raised an hour earlier. Default: 7. */
    startHour?: number;
    /** Hour the business day ends, local time, after `startHour`, at most 23. Default: 19. */
    endHour?: number;
    /** Days the business runs: `mon-fri`, `mon-sat` or `every-day`. Default: `mon-fri`. */
    days?: OfficeDays;
    /**
     * HTTP nodes outside office hours: the fleet's minimum then, at least 1 and at most the daytime
     * minimum. Target tracking still scales up from it on load. Default: 1.
     */
    offHoursNodes?: number;
}

/** Validated office hours, with the scheduled actions' settings. */
export interface OfficeHoursPlan {
    /** IANA time zone of the hours. */
    timeZone: string;
    /** Hour the business day starts, local time. */
    startHour: number;
    /** Hour the business day ends, local time. */
    endHour: number;
    /** Days the business runs. */
    days: OfficeDays;
    /** HTTP nodes outside office hours. */
    offHoursNodes: number;
    /** Unix cron (in `timeZone`) of the action that raises the minimum to the daytime size. */
    raiseRecurrence: string;
    /** Unix cron (in `timeZone`) of the action that lowers the minimum to `offHoursNodes`. */
    lowerRecurrence: string;
    /** Hours a week the fleet runs at its daytime minimum (office hours plus the lead). */
    daytimeHoursPerWeek: number;
}

const CANONICAL_ZONE = /^(UTC|[A-Z][A-Za-z_+-]*(\/[A-Za-z0-9_+-]+){1,2})$/;

/** Whether `zone` is an IANA zone name (Area/Location or UTC) this runtime's tz database knows. */
export function isIanaTimeZone(zone: unknown): zone is string {
    if (typeof zone !== "string" || !CANONICAL_ZONE.test(zone)) {
        return false;
    }
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

/** Validates office hours for a fleet whose daytime minimum is `daytimeNodes`; errors name `property.<field>`. */
export function planOfficeHours(options: OfficeHoursOptions, daytimeNodes: number, property = "officeHours"): OfficeHoursPlan {
    if (options === null || typeof options !== "object" || Array.isArray(options)) {
        throw new OdooArgumentError(property, options, "an object with at least timeZone");
    }
    if (!isIanaTimeZone(options.timeZone)) {
        throw new OdooArgumentError(
            `${property}.timeZone`,
            options.timeZone,
            "an IANA time zone name such as Europe/Brussels, America/New_York or UTC (not an abbreviation like CET)",
            "Auto Scaling takes the canonical IANA names and applies daylight saving time itself",
        );
    }
    const startHour =
        options.startHour === undefined ? 7 : requireWholeNumber(`${property}.startHour`, options.startHour, { min: 1, max: 22 });
    const endHour =
        options.endHour === undefined
            ? Math.max(19, startHour + 1)
            : requireWholeNumber(`${property}.endHour`, options.endHour, { min: startHour + 1, max: 23 });
    const days = options.days === undefined ? OfficeDays.MondayToFriday : requireOneOf(`${property}.days`, options.days, OFFICE_DAYS);
    const offHoursNodes =
        options.offHoursNodes === undefined
            ? 1
            : requireWholeNumber(`${property}.offHoursNodes`, options.offHoursNodes, { min: 1, max: Math.max(1, daytimeNodes) });
    const raiseAt = startHour * 60 - OFFICE_HOURS_LEAD_MINUTES;
    const dow = DAYS[days];
    return {
        timeZone: options.timeZone,
        startHour,
        endHour,
        days,
        offHoursNodes,
        raiseRecurrence: `${raiseAt % 60} ${Math.floor(raiseAt / 60)} * * ${dow.cron}`,
        lowerRecurrence: `0 ${endHour} * * ${dow.cron}`,
        daytimeHoursPerWeek: ((endHour * 60 - raiseAt) / 60) * dow.perWeek,
    };
}
