import i18next, { type i18n } from 'i18next';
import PDFDocument from 'pdfkit';
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

export interface OwnerStatementDocument {
  headLeaseId: string;
  unitId: string;
  scheme: 'head_lease' | 'management_mandate' | 'direct_let';
  months: { month: string; guaranteedRentCents: number; loanRepaymentCents: number; managementFeeCents: number; dueCents: number; vacant: boolean; paidCents: number; owedCents: number }[];
  totals: { dueCents: number; paidCents: number; owedCents: number };
  loan: { principalCents: number; repaidCents: number; outstandingCents: number } | null;
}

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
    if (statement.loan) {
      doc.moveDown().text(t('owner_statement.loan', { principal: money(statement.loan.principalCents), repaid: money(statement.loan.repaidCents), outstanding: money(statement.loan.outstandingCents) }));
    }
    doc.moveDown().fontSize(8).text(t('owner_statement.footer'));
  });
}
