import { serviceDatabaseName } from '@hearth/persistence';
import { baseConfigSchema, loadConfig } from '@hearth/platform';
import { z } from 'zod';
import { HOLIDAY_REGION_CODES } from './calendar/holidays';
import { addDays, dateIn, startOfDayIn, WorkingDayCalendar } from './calendar/working-days';

const workingDays = (fallback: number, max = 60) => z.coerce.number({ error: 'must be a number of working days' }).int().min(0).max(max).default(fallback);
const count = (fallback: number, min: number, max: number) => z.coerce.number({ error: 'must be a number' }).int().min(min).max(max).default(fallback);
const milliseconds = (fallback: number) => z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100).max(7 * 86_400_000).default(fallback);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const isoDates = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((date) => date.trim()).filter(Boolean))
  .pipe(z.array(z.iso.date({ error: 'must list dates YYYY-MM-DD separated by commas' })));

export const mediationConfigSchema = baseConfigSchema
  .extend({
    PORT: baseConfigSchema.shape.PORT.default(3107),
    DATABASE_NAME: z.string().default(serviceDatabaseName('mediation')),
    /** Encrypts neighbours' names and contacts, complaint texts, notes and agreements at rest (AES-256-GCM). No default: losing it loses the data. */
    MEDIATION_DATA_KEY: z.base64().refine((key) => Buffer.from(key, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
    // The working-day calendar every time limit counts in: the agency's day, its region's public holidays, extra closures.
    AGENCY_TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Brussels').default('Europe/Brussels'),
    HOLIDAY_REGION: z.enum(HOLIDAY_REGION_CODES).default('BE'),
    HOLIDAYS_EXTRA: isoDates,
    // Complaint handling code (UK Housing Ombudsman): periods in working days.
    COMPLAINT_STAGE1_ACKNOWLEDGE_DAYS: workingDays(5),
    COMPLAINT_STAGE1_ANSWER_DAYS: workingDays(10),
    COMPLAINT_STAGE2_ACKNOWLEDGE_DAYS: workingDays(5),
    COMPLAINT_STAGE2_ANSWER_DAYS: workingDays(20),
    COMPLAINT_MAX_EXTENSION_DAYS: workingDays(10),
    // Three complaints about one tenancy within six months open a case review.
    CASE_REVIEW_COMPLAINTS: count(3, 2, 20),
    CASE_REVIEW_WINDOW_MONTHS: count(6, 1, 24),
    // Neighbour preparation: tasks due this many working days after the offer was accepted.
    PREPARATION_TASK_DAYS: workingDays(5),
    // The post-arrival meeting, in days after the tenancy starts (4–6 weeks by default: 35 days).
    POST_ARRIVAL_MEETING_DAYS: count(35, 1, 120),
    // A buddy keeps in touch with the neighbours at least weekly for this many weeks; each week without a logged contact is a missed support contact.
    BUDDY_CONTACT_WEEKS: count(12, 0, 104),
    // Agreements are followed up this many months later.
    AGREEMENT_FOLLOW_UP_MONTHS: count(3, 1, 24),
    // A case with no activity for this many days is "stalled" in the digest.
    STALLED_AFTER_DAYS: count(14, 1, 365),
    // The digest of overdue and stalled cases per owner: every day by default; tests shorten it.
    DIGEST_INTERVAL_MS: milliseconds(86_400_000),
    // Tenancy-at-risk signal: points per factor and the threshold (see docs/decisions/0031-tenancy-risk-signal.md).
    RISK_WEIGHT_ARREARS_ESTABLISHED: count(40, 0, 100),
    RISK_WEIGHT_BROKEN_PAYMENT_PLAN: count(20, 0, 100),
    RISK_WEIGHT_COMPLAINT_LOW: count(5, 0, 100),
    RISK_WEIGHT_COMPLAINT_MEDIUM: count(10, 0, 100),
    RISK_WEIGHT_COMPLAINT_HIGH: count(20, 0, 100),
    RISK_WEIGHT_COMPLAINT_SEVERE: count(30, 0, 100),
    RISK_WEIGHT_MISSED_SUPPORT_CONTACT: count(10, 0, 100),
    RISK_WEIGHT_UNRESOLVED_CASE_REVIEW: count(20, 0, 100),
    RISK_THRESHOLD: count(50, 1, 1000),
    // Tests and demonstrations only: a fixed calendar date taken as "today" (refused in production),
    // as LEASES_TODAY is for the leases service. Restarting with a later date moves the story on.
    MEDIATION_TODAY: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).optional(),
  })
  .refine((config) => !(config.NODE_ENV === 'production' && config.MEDIATION_TODAY), {
    message: 'must not be set in production',
    path: ['MEDIATION_TODAY'],
  });

export type MediationConfig = z.infer<typeof mediationConfigSchema>;

export const loadMediationConfig = (env: NodeJS.ProcessEnv = process.env): MediationConfig => loadConfig(mediationConfigSchema, env);

/** The complaint handling code's periods, in working days. */
export interface ComplaintPeriods {
  stage1: { acknowledge: number; answer: number };
  stage2: { acknowledge: number; answer: number };
  maxExtension: number;
}

export interface RiskWeights {
  arrearsEstablished: number;
  brokenPaymentPlan: number;
  complaint: Record<'low' | 'medium' | 'high' | 'severe', number>;
  missedSupportContact: number;
  unresolvedCaseReview: number;
  threshold: number;
}

/** The configurable rules, as the use cases read them. */
export class MediationRules {
  constructor(
    readonly calendar: WorkingDayCalendar,
    readonly timeZone: string,
    readonly complaints: ComplaintPeriods,
    readonly caseReview: { complaints: number; windowMonths: number },
    readonly preparationTaskDays: number,
    readonly postArrivalMeetingDays: number,
    readonly buddyContactWeeks: number,
    readonly agreementFollowUpMonths: number,
    readonly stalledAfterDays: number,
    readonly risk: RiskWeights,
    /** A fixed "today" (MEDIATION_TODAY, tests only); null: the real calendar. */
    readonly fixedToday: string | null = null,
    private readonly clock: () => number = Date.now,
  ) {}

  static fromConfig(config: MediationConfig): MediationRules {
    return new MediationRules(
      new WorkingDayCalendar(config.HOLIDAY_REGION, config.HOLIDAYS_EXTRA),
      config.AGENCY_TIME_ZONE,
      {
        stage1: { acknowledge: config.COMPLAINT_STAGE1_ACKNOWLEDGE_DAYS, answer: config.COMPLAINT_STAGE1_ANSWER_DAYS },
        stage2: { acknowledge: config.COMPLAINT_STAGE2_ACKNOWLEDGE_DAYS, answer: config.COMPLAINT_STAGE2_ANSWER_DAYS },
        maxExtension: config.COMPLAINT_MAX_EXTENSION_DAYS,
      },
      { complaints: config.CASE_REVIEW_COMPLAINTS, windowMonths: config.CASE_REVIEW_WINDOW_MONTHS },
      config.PREPARATION_TASK_DAYS,
      config.POST_ARRIVAL_MEETING_DAYS,
      config.BUDDY_CONTACT_WEEKS,
      config.AGREEMENT_FOLLOW_UP_MONTHS,
      config.STALLED_AFTER_DAYS,
      {
        arrearsEstablished: config.RISK_WEIGHT_ARREARS_ESTABLISHED,
        brokenPaymentPlan: config.RISK_WEIGHT_BROKEN_PAYMENT_PLAN,
        complaint: {
          low: config.RISK_WEIGHT_COMPLAINT_LOW,
          medium: config.RISK_WEIGHT_COMPLAINT_MEDIUM,
          high: config.RISK_WEIGHT_COMPLAINT_HIGH,
          severe: config.RISK_WEIGHT_COMPLAINT_SEVERE,
        },
        missedSupportContact: config.RISK_WEIGHT_MISSED_SUPPORT_CONTACT,
        unresolvedCaseReview: config.RISK_WEIGHT_UNRESOLVED_CASE_REVIEW,
        threshold: config.RISK_THRESHOLD,
      },
      config.MEDIATION_TODAY ?? null,
    );
  }

  /** The agency's calendar day now (MEDIATION_TODAY when fixed), or the day of an instant. */
  today(at?: Date): string {
    if (at) return dateIn(this.timeZone, at);
    return this.fixedToday ?? dateIn(this.timeZone, new Date(this.clock()));
  }

  /**
   * The current instant. With a fixed "today", the same time of day on that date (clamped into it),
   * so that an instant taken now — a complaint received, a case's last activity — falls on the day
   * every rule reads as today.
   */
  now(): Date {
    const real = this.clock();
    if (!this.fixedToday) return new Date(real);
    const sinceMidnight = real - startOfDayIn(this.timeZone, dateIn(this.timeZone, new Date(real))).getTime();
    const start = startOfDayIn(this.timeZone, this.fixedToday).getTime();
    const end = startOfDayIn(this.timeZone, addDays(this.fixedToday, 1)).getTime();
    return new Date(Math.min(start + Math.max(0, sinceMidnight), end - 1));
  }
}

