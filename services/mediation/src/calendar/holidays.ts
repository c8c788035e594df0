/**
 * Public holidays per region, the data the working-day calendar reads (HOLIDAY_REGION). Fixed
 * dates are `MM-DD`; movable ones are days after Easter Sunday. A region's rules apply to every
 * year; one-off closures go in HOLIDAYS_EXTRA.
 */
export interface RegionHolidays {
  fixed: readonly string[];
  /** Days after Easter Sunday (1 = Easter Monday, 39 = Ascension, 50 = Whit Monday, -2 = Good Friday). */
  easterOffsets: readonly number[];
}

export const HOLIDAY_REGIONS = {
  /** Belgium (federal public holidays). */
  BE: { fixed: ['01-01', '05-01', '07-21', '08-15', '11-01', '11-11', '12-25'], easterOffsets: [1, 39, 50] },
  /** France (jours fériés, without Alsace-Moselle's extra days). */
  FR: { fixed: ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'], easterOffsets: [1, 39, 50] },
  /** The Netherlands (King's Day as 27 April; moved when on a Sunday is not modelled: add it to HOLIDAYS_EXTRA). */
  NL: { fixed: ['01-01', '04-27', '12-25', '12-26'], easterOffsets: [1, 39, 50] },
  /** No public holidays: weekends only. */
  NONE: { fixed: [], easterOffsets: [] },
} as const satisfies Record<string, RegionHolidays>;

export type HolidayRegion = keyof typeof HOLIDAY_REGIONS;
export const HOLIDAY_REGION_CODES = Object.keys(HOLIDAY_REGIONS) as [HolidayRegion, ...HolidayRegion[]];

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm), as `YYYY-MM-DD`. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
