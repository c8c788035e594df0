import i18next, { type i18n } from 'i18next';
import PDFDocument from 'pdfkit';
import { lastDayOf } from '../ledger/domain/calendar';
import en from './locales/en.json';
import fr from './locales/fr.json';
import nl from './locales/nl.json';

export const DOCUMENT_LANGUAGES = ['en', 'fr', 'nl'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

/** Belgian conventions for French and Dutch, British for English. */
const LOCALES: Record<DocumentLanguage, string> = { en: 'en-GB', fr: 'fr-BE', nl: 'nl-BE' };

let translator: i18n | undefined;

function translations(): i18n {
  if (!translator) {
    translator = i18next.createInstance();
    void translator.init({
      initAsync: false,
      resources: { en: { translation: en }, fr: { translation: fr }, nl: { translation: nl } },
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
    });
  }
  return translator;
}

/** Integer cents as the locale writes euros ("€ 1.234,56" in Dutch, "1 234,56 €" in French). The
 *  PDF's standard font has no narrow or non-breaking spaces: they print as plain spaces. */
export function formatEuros(cents: number, language: DocumentLanguage): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  // Built from the integer parts, never from a float: whole euros formatted, cents appended.
  const whole = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }).formatToParts(Math.trunc(abs / 100));
  const text = whole.map((part) => (part.type === 'fraction' ? String(abs % 100).padStart(2, '0') : part.value)).join('');
  return (sign + text).replace(/[\u00a0\u202f]/g, ' ');
}

export function formatMonth(month: string, language: DocumentLanguage): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[language], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A calendar date (YYYY-MM-DD) as the locale writes it in full ("28 November 2026", "28 novembre 2026"). */
export function formatDate(date: string, language: DocumentLanguage): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(LOCALES[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An index value kept as exact text ("128.47") with the locale's decimal sign ("128,47"); never through a float. */
export function formatIndexValue(value: string, language: DocumentLanguage): string {
  const decimal = new Intl.NumberFormat(LOCALES[language]).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return value.replace('.', decimal);
}

export interface OwnerStatementDocument {
  headLeaseId: string;
  unitId: string;
  scheme: 'head_lease' | 'management_mandate' | 'direct_let';
  months: { month: string; guaranteedRentCents: number; loanRepaymentCents: number; managementFeeCents: number; dueCents: number; vacant: boolean; paidCents: number; owedCents: number }[];
  totals: { dueCents: number; paidCents: number; owedCents: number };
  loan: {
    principalCents: number;
    monthlyRepaymentCents: number;
    disbursedOn: string | null;
    deductedCents: number;
    repaidEarlyCents: number;
    repaidCents: number;
    outstandingCents: number;
    earlyRepayments: { repaidOn: string; amountCents: number }[];
    schedule: { month: string; deductedCents: number; repaidEarlyCents: number; balanceCents: number; projected: boolean }[];
    repaidInMonth: string | null;
    outstandingAtEndCents: number;
  } | null;
}

/** How many months of the loan's schedule still to come the statement prints (the API gives them all). */
const PRINTED_PROJECTED_MONTHS = 12;

function render(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'Hearth', Producer: 'Hearth' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

/** The owner's monthly statement as a PDF in their language: no household data, only the flat, the contract and the money. */
export function ownerStatementPdf(statement: OwnerStatementDocument, language: DocumentLanguage): Promise<Buffer> {
  const t = translations().getFixedT(language);
  const money = (cents: number) => formatEuros(cents, language);
  return render((doc) => {
    doc.fontSize(18).text(t('owner_statement.title'));
    doc.moveDown(0.5).fontSize(10);
    doc.text(`${t('owner_statement.flat')}: ${statement.unitId}`);
    doc.text(`${t('owner_statement.contract')}: ${t(`owner_statement.scheme.${statement.scheme}`)} (${statement.headLeaseId})`);
    doc.moveDown();
    const columns = ['month', 'guaranteed', 'loan', 'fee', 'due', 'paid', 'owed'].map((c) => t(`owner_statement.columns.${c}`));
    doc.font('Helvetica-Bold').text(columns.join(' | '));
    doc.font('Helvetica');
    for (const m of statement.months) {
      doc.text(
        [formatMonth(m.month, language), money(m.guaranteedRentCents), money(m.loanRepaymentCents), money(m.managementFeeCents), money(m.dueCents), money(m.paidCents), money(m.owedCents)].join(' | '),
      );
      if (m.vacant) doc.fontSize(8).text(`   ${t('owner_statement.vacant')}`).fontSize(10);
    }
    doc.moveDown();
    doc.font('Helvetica-Bold').text(`${t('owner_statement.totals')}: ${t('owner_statement.columns.due')} ${money(statement.totals.dueCents)} | ${t('owner_statement.columns.paid')} ${money(statement.totals.paidCents)} | ${t('owner_statement.columns.owed')} ${money(statement.totals.owedCents)}`);
    doc.font('Helvetica');
    if (statement.loan) drawLoan(doc, statement.loan, language);
    doc.moveDown().fontSize(8).text(t('owner_statement.footer'));
  });
}

function drawLoan(doc: PDFKit.PDFDocument, loan: NonNullable<OwnerStatementDocument['loan']>, language: DocumentLanguage): void {
  const t = translations().getFixedT(language);
  const money = (cents: number) => formatEuros(cents, language);
  doc.moveDown().font('Helvetica-Bold').text(t('owner_statement.loan_title')).font('Helvetica');
  doc.text(t('owner_statement.loan', { principal: money(loan.principalCents), repaid: money(loan.repaidCents), outstanding: money(loan.outstandingCents) }));
  if (loan.disbursedOn) doc.text(t('owner_statement.loan_lent', { date: formatDate(loan.disbursedOn, language), principal: money(loan.principalCents), monthly: money(loan.monthlyRepaymentCents) }));
  doc.text(t('owner_statement.loan_balance', { deducted: money(loan.deductedCents), early: money(loan.repaidEarlyCents), outstanding: money(loan.outstandingCents) }));
  for (const early of loan.earlyRepayments) doc.text(t('owner_statement.loan_early', { date: formatDate(early.repaidOn, language), amount: money(early.amountCents) }));
  const past = loan.schedule.filter((line) => !line.projected);
  const next = loan.schedule.filter((line) => line.projected).slice(0, PRINTED_PROJECTED_MONTHS);
  if (past.length + next.length > 0) {
    doc.moveDown(0.5).text(t('owner_statement.loan_schedule'));
    doc.font('Helvetica-Bold').text(['month', 'instalment', 'early', 'balance'].map((c) => t(`owner_statement.loan_columns.${c}`)).join(' | ')).font('Helvetica');
    for (const line of [...past, ...next]) {
      const cells = [formatMonth(line.month, language), money(line.deductedCents), money(line.repaidEarlyCents), money(line.balanceCents)];
      doc.text(cells.join(' | ') + (line.projected ? ` ${t('owner_statement.loan_projected')}` : ''));
    }
  }
  if (loan.repaidInMonth) doc.text(t('owner_statement.loan_repaid_in', { month: formatMonth(loan.repaidInMonth, language) }));
  else if (loan.outstandingAtEndCents > 0) doc.text(t('owner_statement.loan_left_at_end', { amount: money(loan.outstandingAtEndCents) }));
}

export interface ArrearsNoticeDocument {
  kind: 'reminder' | 'formal_notice';
  reference: string;
  unitId: string;
  legalLandlord: 'agency' | 'owner';
  sentOn: string;
  /** The formal notice's pay-by date; null for a reminder. */
  payBy: string | null;
  arrearsCents: number;
  months: { month: string; dueOn: string; openCents: number }[];
  /** The tenancy's structured communication (+++123/4567/89012+++). */
  paymentReference: string | null;
}

/** A reminder or formal notice on the arrears ladder, to the household in its language: the unpaid months, the total, when and how to pay. */
export function arrearsNoticePdf(notice: ArrearsNoticeDocument, language: DocumentLanguage): Promise<Buffer> {
  const t = translations().getFixedT(language);
  const money = (cents: number) => formatEuros(cents, language);
  return render((doc) => {
    doc.fontSize(18).text(t(`arrears_notice.title_${notice.kind}`));
    doc.moveDown(0.5).fontSize(10);
    doc.text(t('arrears_notice.tenancy', { reference: notice.reference, unit: notice.unitId }));
    doc.text(t(`arrears_notice.landlord_${notice.legalLandlord}`));
    doc.text(t('arrears_notice.date', { date: formatDate(notice.sentOn, language) }));
    doc.moveDown().text(t(`arrears_notice.intro_${notice.kind}`));
    doc.moveDown(0.5).font('Helvetica-Bold').text(['month', 'due_on', 'unpaid'].map((c) => t(`arrears_notice.columns.${c}`)).join(' | ')).font('Helvetica');
    for (const m of notice.months) doc.text([formatMonth(m.month, language), formatDate(m.dueOn, language), money(m.openCents)].join(' | '));
    doc.moveDown(0.5).font('Helvetica-Bold').text(t('arrears_notice.total', { amount: money(notice.arrearsCents) })).font('Helvetica');
    doc.moveDown();
    doc.text(notice.payBy ? t('arrears_notice.pay_by', { amount: money(notice.arrearsCents), date: formatDate(notice.payBy, language) }) : t('arrears_notice.pay_soon', { amount: money(notice.arrearsCents) }));
    if (notice.paymentReference) doc.text(t('arrears_notice.reference', { reference: notice.paymentReference }));
    if (notice.kind === 'formal_notice') doc.moveDown(0.5).text(t('arrears_notice.consequence'));
    doc.moveDown(0.5).text(t('arrears_notice.help'));
  });
}

export const NOTICE_RECIPIENTS = ['household', 'owner'] as const;
export type NoticeRecipient = (typeof NOTICE_RECIPIENTS)[number];

export interface IndexationNoticeDocument {
  reference: string;
  unitId: string;
  anniversary: string;
  effectiveOn: string;
  series: string;
  baseRentCents: number;
  baseMonth: string;
  baseIndex: string;
  newMonth: string;
  newIndex: string;
  previousRentCents: number;
  newRentCents: number;
}

/** The notice of a rent indexation, to the household or the owner in their language: the formula with its inputs, the old and the new rent. */
export function indexationNoticePdf(notice: IndexationNoticeDocument, recipient: NoticeRecipient, language: DocumentLanguage): Promise<Buffer> {
  const t = translations().getFixedT(language);
  const money = (cents: number) => formatEuros(cents, language);
  const index = (value: string) => formatIndexValue(value, language);
  return render((doc) => {
    doc.fontSize(18).text(t('indexation_notice.title'));
    doc.moveDown(0.5).fontSize(10);
    doc.text(t(`indexation_notice.to_${recipient}`));
    doc.text(t('indexation_notice.tenancy', { reference: notice.reference, unit: notice.unitId }));
    doc.moveDown().text(t('indexation_notice.intro', { anniversary: formatDate(notice.anniversary, language) }));
    doc.moveDown(0.5).font('Helvetica-Bold').text(t('indexation_notice.formula')).font('Helvetica');
    doc.text(t('indexation_notice.base_rent', { amount: money(notice.baseRentCents) }));
    doc.text(t('indexation_notice.base_index', { series: notice.series, month: formatMonth(notice.baseMonth, language), value: index(notice.baseIndex) }));
    doc.text(t('indexation_notice.new_index', { series: notice.series, month: formatMonth(notice.newMonth, language), value: index(notice.newIndex) }));
    doc.text(t('indexation_notice.computation', { base: money(notice.baseRentCents), new: index(notice.newIndex), old: index(notice.baseIndex), amount: money(notice.newRentCents) }));
    doc.moveDown(0.5);
    doc.text(t('indexation_notice.previous_rent', { amount: money(notice.previousRentCents) }));
    doc.font('Helvetica-Bold').text(t('indexation_notice.new_rent', { date: formatDate(notice.effectiveOn, language), amount: money(notice.newRentCents) })).font('Helvetica');
    doc.text(t('indexation_notice.charges'));
    doc.moveDown().fontSize(8).text(t(`indexation_notice.footer_${recipient}`));
  });
}

export interface ContractSummaryDocument {
  reference: string;
  unitId: string;
  status: string;
  /** With a head lease the agency (it sublets); with a mandate or a direct let the owner, by reference. */
  legalLandlord: 'agency' | 'owner';
  landlordId: string;
  scheme: 'head_lease' | 'management_mandate' | 'direct_let' | null;
  startDate: string;
  endDate: string | null;
  signedOn: string | null;
  rentCents: number;
  serviceChargesCents: number;
  benefitCents: number;
  householdShareCents: number;
  deposit: { kind: 'none' | 'deposit' | 'guarantee'; amountCents: number };
  paymentReference: string | null;
  notice: { givenOn: string; givenBy: string; endsOn: string } | null;
  printedOn: string;
}

/** The tenancy's terms at a glance, to the household in its language: parties by reference only, the flat, the dates, the money, the deposit, how to pay. */
export function contractSummaryPdf(summary: ContractSummaryDocument, language: DocumentLanguage): Promise<Buffer> {
  const t = translations().getFixedT(language);
  const money = (cents: number) => formatEuros(cents, language);
  const day = (date: string) => formatDate(date, language);
  return render((doc) => {
    doc.fontSize(18).text(t('contract_summary.title'));
    doc.moveDown(0.5).fontSize(10);
    doc.text(t('contract_summary.printed_on', { date: day(summary.printedOn) }));
    doc.moveDown().font('Helvetica-Bold').text(t('contract_summary.parties')).font('Helvetica');
    doc.text(t('contract_summary.household', { reference: summary.reference }));
    doc.text(summary.legalLandlord === 'agency' ? t('contract_summary.landlord_agency') : t('contract_summary.landlord_owner', { reference: summary.landlordId }));
    if (summary.scheme) doc.text(t('contract_summary.scheme', { scheme: t(`owner_statement.scheme.${summary.scheme}`) }));
    doc.text(t('contract_summary.flat', { unit: summary.unitId }));
    doc.moveDown().font('Helvetica-Bold').text(t('contract_summary.dates')).font('Helvetica');
    doc.text(t('contract_summary.start', { date: day(summary.startDate) }));
    doc.text(summary.endDate ? t('contract_summary.end', { date: day(summary.endDate) }) : t('contract_summary.open_ended'));
    if (summary.signedOn) doc.text(t('contract_summary.signed', { date: day(summary.signedOn) }));
    doc.text(t('contract_summary.status', { status: t(`contract_summary.statuses.${summary.status}`) }));
    if (summary.notice) {
      doc.text(t('contract_summary.notice', { givenOn: day(summary.notice.givenOn), by: t(`contract_summary.given_by.${summary.notice.givenBy}`), endsOn: day(summary.notice.endsOn) }));
    }
    doc.moveDown().font('Helvetica-Bold').text(t('contract_summary.money')).font('Helvetica');
    doc.text(t('contract_summary.rent', { amount: money(summary.rentCents) }));
    doc.text(t('contract_summary.service_charges', { amount: money(summary.serviceChargesCents) }));
    doc.text(t('contract_summary.monthly_total', { amount: money(summary.rentCents + summary.serviceChargesCents) }));
    doc.text(t('contract_summary.benefit', { amount: money(summary.benefitCents) }));
    doc.font('Helvetica-Bold').text(t('contract_summary.household_share', { amount: money(summary.householdShareCents) })).font('Helvetica');
    doc.text(t(`contract_summary.deposit_${summary.deposit.kind}`, { amount: money(summary.deposit.amountCents) }));
    // The reference on a line of its own: a line break inside it (pdfkit may break after a '+') would make it unusable.
    if (summary.paymentReference) doc.moveDown(0.5).text(t('contract_summary.payment_reference')).font('Helvetica-Bold').text(summary.paymentReference).font('Helvetica');
    doc.moveDown().fontSize(8).text(t('contract_summary.footer'));
  });
}

export interface RentStatementDocument {
  reference: string;
  unitId: string;
  from: string;
  to: string;
  printedOn: string;
  openingBalanceCents: number;
  months: { month: string; chargedCents: number; paidCents: number; balanceCents: number }[];
  totals: { chargedCents: number; paidCents: number };
  closingBalanceCents: number;
  /** What was still unpaid at the end of the period (the closing balance when positive). */
  arrearsCents: number;
  plans: { agreedOn: string; totalCents: number; status: 'active' | 'completed' | 'broken'; instalments: { seq: number; dueOn: string; amountCents: number; state: 'paid' | 'due' | 'missed' }[] }[];
  paymentReference: string | null;
}

/** The household's rent account over a period, in its language: each month's charges and payments, the running balance, the arrears at the end and any payment plan. */
export function rentStatementPdf(statement: RentStatementDocument, language: DocumentLanguage): Promise<Buffer> {
  const t = translations().getFixedT(language);
  const money = (cents: number) => formatEuros(cents, language);
  return render((doc) => {
    doc.fontSize(18).text(t('rent_statement.title'));
    doc.moveDown(0.5).fontSize(10);
    doc.text(t('rent_statement.tenancy', { reference: statement.reference, unit: statement.unitId }));
    doc.text(t('rent_statement.period', { from: formatMonth(statement.from, language), to: formatMonth(statement.to, language) }));
    doc.text(t('rent_statement.printed_on', { date: formatDate(statement.printedOn, language) }));
    doc.moveDown().text(t('rent_statement.opening', { amount: money(statement.openingBalanceCents) }));
    doc.moveDown(0.5).font('Helvetica-Bold').text(['month', 'charged', 'paid', 'balance'].map((c) => t(`rent_statement.columns.${c}`)).join(' | ')).font('Helvetica');
    for (const m of statement.months) doc.text([formatMonth(m.month, language), money(m.chargedCents), money(m.paidCents), money(m.balanceCents)].join(' | '));
    doc.moveDown(0.5).font('Helvetica-Bold');
    doc.text(t('rent_statement.totals', { charged: money(statement.totals.chargedCents), paid: money(statement.totals.paidCents) }));
    doc.text(t('rent_statement.closing', { amount: money(statement.closingBalanceCents) }));
    doc.font('Helvetica');
    doc.text(t('rent_statement.reconciliation', {
      opening: money(statement.openingBalanceCents),
      charged: money(statement.totals.chargedCents),
      paid: money(statement.totals.paidCents),
      closing: money(statement.closingBalanceCents),
    }));
    doc.moveDown(0.5).text(statement.arrearsCents > 0 ? t('rent_statement.arrears', { amount: money(statement.arrearsCents), date: formatDate(lastDayOf(statement.to), language) }) : t('rent_statement.no_arrears'));
    for (const plan of statement.plans) {
      doc.moveDown(0.5).font('Helvetica-Bold').text(t('rent_statement.plan', { date: formatDate(plan.agreedOn, language), amount: money(plan.totalCents), status: t(`rent_statement.plan_status.${plan.status}`) })).font('Helvetica');
      doc.text(['seq', 'due_on', 'amount', 'state'].map((c) => t(`rent_statement.plan_columns.${c}`)).join(' | '));
      for (const i of plan.instalments) doc.text([String(i.seq), formatDate(i.dueOn, language), money(i.amountCents), t(`rent_statement.instalment_state.${i.state}`)].join(' | '));
    }
    if (statement.paymentReference) doc.moveDown(0.5).text(t('rent_statement.payment_reference')).font('Helvetica-Bold').text(statement.paymentReference).font('Helvetica');
    doc.moveDown().fontSize(8).text(t('rent_statement.footer'));
  });
}
