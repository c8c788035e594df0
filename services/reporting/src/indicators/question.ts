/** What an indicator is asked: a period, the day of knowledge, optional filters. */
export interface Question {
  /** Events up to the end of this day (in the agency's time zone) are taken into account. */
  asOf: string;
  /** The period the population is drawn from, both days included; `to` ≤ `asOf`. */
  from: string;
  to: string;
  programme?: string;
  district?: string;
  /** A landlord sees only its own flats' figures. */
  landlordId?: string;
}

/** The stored key of a question (everything but asOf), so the same question finds its answer. */
export function questionKey({ from, to, programme, district, landlordId }: Question): string {
  return [`from=${from}`, `to=${to}`, `programme=${programme ?? '*'}`, `district=${district ?? '*'}`, `landlord=${landlordId ?? '*'}`].join('|');
}

export const PROGRAMMES = ['housing_first', 'housing_led', 'rapid_rehousing'] as const;

export const within = (day: string, question: Pick<Question, 'from' | 'to'>) => day >= question.from && day <= question.to;
