import { useTranslation } from 'react-i18next';

const LOCALES: Record<string, string> = { en: 'en-GB', fr: 'fr-BE', nl: 'nl-BE' };

/** Dates, numbers and money in the reader's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = LOCALES[i18n.language] ?? 'en-GB';
  return {
    date: (value: string | Date | null | undefined) => (value ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(value)) : '—'),
    dateTime: (value: string | Date | null | undefined) => (value ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value)) : '—'),
    /** "2027-03" as the reader says a month ("March 2027", "mars 2027", "maart 2027"). */
    month: (value: string | null | undefined) => (value ? new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}-01T00:00:00Z`)) : '—'),
    time: (value: string | Date) => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(value)),
    number: (value: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value),
    /** The APIs give euros as exact decimals (a number or a string). */
    money: (value: number | string | null | undefined) => (value === null || value === undefined ? '—' : new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(Number(value))),
  };
}
