import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';

/** One credit or debit line of a bank statement, amounts in integer cents (credits positive). */
export interface StatementLine {
  lineNo: number;
  bookedOn: string;
  amountCents: number;
  reference: string | null;
  /** The bank's own id of the transaction, when it gives one. */
  bankTransactionId: string | null;
}

export interface LineProblem {
  line: number;
  problem: string;
}

export class MalformedStatementError extends Error {
  constructor(readonly problems: LineProblem[]) {
    super(`The statement cannot be read: ${problems.length} problem(s)`);
  }
}

/** "1234.56", "1.234,56", "-12,5" → cents, exactly (never through a float). */
export function parseAmountCents(raw: string): number | null {
  let text = raw.trim().replace(/\s/g, '');
  if (!/^[+-]?[\d.,]+$/.test(text)) return null;
  const negative = text.startsWith('-');
  text = text.replace(/^[+-]/, '');
  const lastSeparator = Math.max(text.lastIndexOf('.'), text.lastIndexOf(','));
  let whole = text;
  let fraction = '';
  if (lastSeparator >= 0 && text.length - lastSeparator - 1 <= 2) {
    whole = text.slice(0, lastSeparator);
    fraction = text.slice(lastSeparator + 1);
  }
  // Thousands separators group by three ("1.234.567"), nothing else.
  if (!/^\d+$/.test(whole || '0') && !/^\d{1,3}([.,]\d{3})+$/.test(whole)) return null;
  whole = whole.replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole || '0') || !/^\d{0,2}$/.test(fraction)) return null;
  const cents = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(cents) || cents > 100_000_000_00) return null;
  return negative ? -cents : cents;
}

/** "2026-11-03" or "03/11/2026" (day first, as European banks write it) → YYYY-MM-DD, if it exists. */
export function parseBookingDate(raw: string): string | null {
  const text = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const european = /^(\d{2})[/.-](\d{2})[/.-](\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : european ? [european[3], european[2], european[1]] : [];
  if (!y) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const value = `${y}-${m}-${d}`;
  return date.toISOString().slice(0, 10) === value && value >= '1900-01-01' && value <= '2199-12-31' ? value : null;
}

const CSV_COLUMNS = { date: ['date', 'booking date', 'booked on', 'datum', 'date comptable'], amount: ['amount', 'bedrag', 'montant'], reference: ['reference', 'communication', 'mededeling', 'remittance information'], id: ['id', 'transaction id', 'bank reference'] };

/**
 * A CSV export: a header row naming at least a date, an amount and a reference column (English,
 * Dutch or French names), separated by commas or semicolons. Every problem is reported with its
 * line number; any problem and nothing is imported.
 */
export function parseCsvStatement(content: string): StatementLine[] {
  const firstLine = content.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(content, { delimiter, skip_empty_lines: true, relax_column_count: false, trim: true, bom: true });
  } catch (error) {
    throw new MalformedStatementError([{ line: Number((error as { lines?: number }).lines ?? 0), problem: `not valid CSV: ${(error as Error).message}` }]);
  }
  if (records.length === 0) throw new MalformedStatementError([{ line: 1, problem: 'the file is empty' }]);
  const header = records[0].map((h) => h.toLowerCase());
  const column = (names: string[]) => header.findIndex((h) => names.includes(h));
  const [dateAt, amountAt, referenceAt, idAt] = [column(CSV_COLUMNS.date), column(CSV_COLUMNS.amount), column(CSV_COLUMNS.reference), column(CSV_COLUMNS.id)];
  const missing = Object.entries({ date: dateAt, amount: amountAt, reference: referenceAt }).filter(([, at]) => at < 0).map(([name]) => name);
  if (missing.length > 0) throw new MalformedStatementError([{ line: 1, problem: `the header has no ${missing.join(', ')} column` }]);
  const problems: LineProblem[] = [];
  const lines: StatementLine[] = [];
  records.slice(1).forEach((record, index) => {
    const lineNo = index + 2;
    const bookedOn = parseBookingDate(record[dateAt] ?? '');
    const amountCents = parseAmountCents(record[amountAt] ?? '');
    if (!bookedOn) problems.push({ line: lineNo, problem: `date "${record[dateAt] ?? ''}" is not a date (YYYY-MM-DD or DD/MM/YYYY)` });
    if (amountCents === null) problems.push({ line: lineNo, problem: `amount "${record[amountAt] ?? ''}" is not an amount with at most two decimals` });
    if (bookedOn && amountCents !== null) {
      lines.push({ lineNo, bookedOn, amountCents, reference: record[referenceAt] || null, bankTransactionId: idAt >= 0 ? record[idAt] || null : null });
    }
  });
  if (problems.length > 0) throw new MalformedStatementError(problems);
  return lines;
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * An ISO 20022 camt.053 bank-to-customer statement: every entry (`Ntry`) of every statement, its
 * amount (`Amt`, with `CdtDbtInd` CRDT or DBIT), booking date (`BookgDt/Dt` or `DtTm`) and the
 * remittance information — the structured creditor reference (`Strd/CdtrRefInf/Ref`) first, the
 * unstructured text (`Ustrd`) otherwise.
 */
export function parseCamt053Statement(content: string): StatementLine[] {
  const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, parseTagValue: false, trimValues: true });
  let document: Record<string, any>;
  try {
    document = parser.parse(content, true);
  } catch (error) {
    throw new MalformedStatementError([{ line: 0, problem: `not well-formed XML: ${(error as Error).message}` }]);
  }
  const statements = asArray(document?.Document?.BkToCstmrStmt?.Stmt);
  if (statements.length === 0) throw new MalformedStatementError([{ line: 0, problem: 'not a camt.053 statement (no Document/BkToCstmrStmt/Stmt)' }]);
  const problems: LineProblem[] = [];
  const lines: StatementLine[] = [];
  let entryNo = 0;
  for (const statement of statements) {
    for (const entry of asArray<Record<string, any>>(statement.Ntry)) {
      entryNo += 1;
      const rawAmount = typeof entry.Amt === 'object' ? entry.Amt['#text'] : entry.Amt;
      const amount = parseAmountCents(String(rawAmount ?? ''));
      const indicator = entry.CdtDbtInd;
      const rawDate = entry.BookgDt?.Dt ?? String(entry.BookgDt?.DtTm ?? '').slice(0, 10);
      const bookedOn = parseBookingDate(String(rawDate ?? ''));
      if (amount === null || amount < 0) problems.push({ line: entryNo, problem: `entry ${entryNo}: amount "${rawAmount ?? ''}" is not a positive amount` });
      if (indicator !== 'CRDT' && indicator !== 'DBIT') problems.push({ line: entryNo, problem: `entry ${entryNo}: CdtDbtInd must be CRDT or DBIT` });
      if (!bookedOn) problems.push({ line: entryNo, problem: `entry ${entryNo}: booking date "${rawDate ?? ''}" is not a date` });
      if (amount === null || amount < 0 || !bookedOn || (indicator !== 'CRDT' && indicator !== 'DBIT')) continue;
      const details = asArray<Record<string, any>>(entry.NtryDtls?.TxDtls)[0];
      const remittance = details?.RmtInf;
      const structured = asArray<Record<string, any>>(remittance?.Strd)[0]?.CdtrRefInf?.Ref;
      const unstructured = asArray<string>(remittance?.Ustrd).join(' ');
      lines.push({
        lineNo: entryNo,
        bookedOn,
        amountCents: indicator === 'CRDT' ? amount : -amount,
        reference: (structured ? String(structured) : unstructured) || null,
        bankTransactionId: entry.AcctSvcrRef ? String(entry.AcctSvcrRef) : (details?.Refs?.AcctSvcrRef ?? null),
      });
    }
  }
  if (problems.length > 0) throw new MalformedStatementError(problems);
  return lines;
}
