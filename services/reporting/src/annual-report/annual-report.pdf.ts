import PDFDocument from 'pdfkit';
import { figureLines } from '../csv/indicator-csv';
import { Language, labels } from '../i18n/labels';
import { IndicatorAnswer } from '../indicators/indicator-answers';
import { AllocationRuns } from '../indicators/allocation-runs';
import { Offers } from '../indicators/offers';
import { PriorityDepartures } from '../indicators/priority-departures';
import { Mediation } from '../indicators/mediation';
import { Spread } from '../indicators/spread';
import { Arrears, ReturnsToWaitlist, Sustainment } from '../indicators/tenancies';
import { Collection } from '../indicators/collection';
import { GuaranteeClaims } from '../indicators/guarantee-claims';
import { TimeToHouse } from '../indicators/time-to-house';
import { Vacancy } from '../indicators/vacancy';
import { Waitlist } from '../indicators/waitlist';

interface Bar {
  label: string;
  value: number | null;
}

/** The bars of each indicator's chart: one series the board looks at first. */
function chartOf(answer: IndicatorAnswer, t: (key: string, fallback?: string) => string): Bar[] {
  const group = (key: string) => t(`groups.${key}`, key);
  switch (answer.indicator) {
    case 'time-to-house':
      return (answer.figures as TimeToHouse).housedByProgramme.map((p) => ({ label: group(p.programme), value: p.fromWaitlisted.median }));
    case 'waitlist': {
      const w = answer.figures as Waitlist;
      return (['registered', 'waitlisted', 'housed', 'left'] as const).map((flow) => ({ label: t(`measures.${flow}`), value: w[flow] }));
    }
    case 'vacancy': {
      const { filled } = answer.figures as Vacancy;
      return [
        { label: t('measures.all'), value: filled.all.mean },
        { label: t('measures.firstLets'), value: filled.firstLets.mean },
        { label: t('measures.relets'), value: filled.relets.mean },
      ];
    }
    case 'offers':
      return (answer.figures as Offers).declinesByReason.filter((r) => r.count > 0).map((r) => ({ label: group(r.reason), value: r.count }));
    case 'allocation-runs':
      return (answer.figures as AllocationRuns).byMode.map((m) => ({ label: group(m.mode), value: m.completed }));
    case 'priority-departures':
      return (answer.figures as PriorityDepartures).byJustification.map((j) => ({ label: group(j.justification), value: j.count }));
    case 'spread':
      return (answer.figures as Spread).districts
        .slice()
        .sort((a, b) => b.households - a.households)
        .slice(0, 12)
        .map((d) => ({ label: d.district, value: d.households }));
    case 'sustainment':
      return (answer.figures as Sustainment).marks.map((m) => ({ label: group(m.mark), value: m.kaplanMeier.percent }));
    case 'returns-to-waitlist':
      return (answer.figures as ReturnsToWaitlist).windows.map((w) => ({ label: group(w.window), value: w.returned.percent }));
    case 'arrears':
      return (answer.figures as Arrears).byAgeing.map((b) => ({ label: group(b.bucket), value: b.tenancies }));
    case 'collection':
      return (answer.figures as Collection).byMonth.map((m) => ({ label: m.month, value: m.collectionRate.percent }));
    case 'guarantee-claims':
      return (answer.figures as GuaranteeClaims).byKind.map((k) => ({ label: group(k.kind), value: k.paidCents / 100 }));
    case 'mediation':
      return (answer.figures as Mediation).complaints.byCategory.map((c) => ({ label: group(c.category), value: c.count }));
    default:
      return [];
  }
}

/**
 * The annual report: for each indicator its definition, its key figures (every figure that is not
 * broken down by group; the CSV has them all) and one chart, in the reader's language.
 */
export function annualReportPdf(year: string, answers: readonly IndicatorAnswer[], language: Language): Promise<Buffer> {
  const t = labels(language);
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const show = (value: number | boolean | null) => (value === null ? '—' : typeof value === 'boolean' ? t(value ? 'yes' : 'no') : number.format(value));
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: t('report.title').replace('{{year}}', year), Author: 'Hearth' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const first = answers[0];
  doc.font('Helvetica-Bold').fontSize(20).text(t('report.title').replace('{{year}}', year));
  doc.moveDown(0.3);
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#444444')
    .text(t('report.asOf').replace('{{from}}', first.from).replace('{{to}}', first.to).replace('{{asOf}}', first.asOf));
  doc.fillColor('black');
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  for (const answer of answers) {
    if (doc.y > doc.page.height - 250) doc.addPage();
    doc.moveDown(1.2);
    doc.font('Helvetica-Bold').fontSize(14).text(t(`indicators.${answer.indicator}.title`), left);
    doc.font('Helvetica').fontSize(9).fillColor('#444444').text(t(`indicators.${answer.indicator}.definition`), { width });
    doc.fillColor('black').moveDown(0.5);
    doc.font('Helvetica-Bold').fontSize(10).text(t('report.keyFigures'));
    doc.font('Helvetica').fontSize(9);
    for (const line of figureLines(answer).filter((l) => l.group === null)) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
      const y = doc.y;
      doc.text(line.path.map((segment) => t(`measures.${segment}`)).join(' – '), left, y, { width: width - 90 });
      const after = doc.y;
      doc.text(show(line.value), left + width - 80, y, { width: 80, align: 'right' });
      doc.y = Math.max(after, doc.y);
    }
    const bars = chartOf(answer, t);
    doc.moveDown(0.6);
    if (doc.y > doc.page.height - 60 - bars.length * 16) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10).text(t(`report.chart.${answer.indicator}`), left);
    doc.font('Helvetica').fontSize(8);
    const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
    if (bars.length === 0 || max === 0) doc.text(t('report.none'));
    for (const bar of bars) {
      const y = doc.y + 2;
      doc.text(bar.label, left, y, { width: 170, lineBreak: false, ellipsis: true });
      const length = max === 0 || bar.value === null ? 0 : ((width - 240) * bar.value) / max;
      doc.rect(left + 175, y, Math.max(length, 0.5), 9).fill('#4a7ab5');
      doc.fillColor('black').text(show(bar.value), left + 180 + length, y, { lineBreak: false });
      doc.y = y + 14;
    }
  }
  doc.end();
  return finished;
}
