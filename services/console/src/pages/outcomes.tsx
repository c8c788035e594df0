import { Anchor, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi } from '../api/hooks';
import { QueryState } from '../components/states';
import { useFormat } from '../format';

/* The reporting service's answers (docs/indicators.md), only the parts this page shows. */
interface Rate {
  numerator: number;
  denominator: number;
  percent: number | null;
}
interface DayStats {
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}
interface Answer<F> {
  asOf: string;
  from: string;
  to: string;
  snapshotTakenAt: string | null;
  figures: F;
}
interface TimeToHouse {
  housed: { fromWaitlisted: DayStats };
  housedByProgramme: { programme: string; fromWaitlisted: DayStats }[];
  stillWaiting: { count: number; fromWaitlisted: DayStats };
  stillWaitingByProgramme: { programme: string; count: number; fromWaitlisted: DayStats }[];
}
interface Sustainment {
  tenancies: number;
  marks: { mark: string; kaplanMeier: { percent: number | null }; simple: Rate }[];
}
interface Vacancy {
  filled: { all: DayStats; firstLets: DayStats; relets: DayStats };
  stillVacant: { count: number; daysSoFar: DayStats };
}
interface Arrears {
  tenancies: number;
  inArrears: Rate;
  moreThanTwoMonths: Rate;
  byAgeing: { bucket: string; tenancies: number }[];
}
interface Collection {
  chargedCents: number;
  collectedCents: number;
  collectionRate: Rate;
  byMonth: { month: string; collectionRate: Rate }[];
}
interface Mediation {
  complaints: { received: number; byCategory: { category: string; count: number }[]; stage1: { handledInTime: Rate } };
  tenanciesAtRisk: { flagged: number; kept: Rate };
}
interface IndicatorList {
  items: { name: string; title: string; definition: string; definedIn: string }[];
}

type Bars = { label: string; value: number | null }[];

/** The answer of one indicator, year to date as of the day chosen (today when none). */
function useIndicator<F>(name: string, asOf: string) {
  return useApi<Answer<F>>(`/reporting/indicators/${name}${asOf ? `?asOf=${asOf}` : ''}`);
}

/** A bar chart named by its title; the same values are listed under it (the drawing itself is hidden from screen readers). */
function BarFigure({ id, title, bars, unit }: { id: string; title: string; bars: Bars; unit: (value: number) => string }) {
  const { t } = useTranslation();
  const shown = bars.filter((bar) => bar.value !== null);
  // Nothing to draw when every bar is missing or zero (e.g. nobody waiting yet on that day).
  const nothing = shown.every((bar) => bar.value === 0);
  return (
    <Card withBorder component="figure" m={0} aria-labelledby={`${id}-title`} data-testid={`outcomes-chart-${id}`}>
      <Title order={4} size="h6" mb="xs" id={`${id}-title`}>
        {title}
      </Title>
      {nothing ? (
        <Text size="sm" data-testid="empty">
          {t('outcomes.noData')}
        </Text>
      ) : (
        <>
          <div className="outcomes-chart" aria-hidden>
            <ResponsiveContainer>
              <BarChart data={shown}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" interval={0} tick={{ fontSize: 11 }} />
                <YAxis allowDecimals={false} />
                <Tooltip formatter={(value: number) => [unit(value), title]} />
                <Bar dataKey="value" fill="#1864ab" name={title} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <Table fz="sm" mt="xs" data-testid={`outcomes-values-${id}`}>
            <Table.Tbody>
              {shown.map((bar) => (
                <Table.Tr key={bar.label}>
                  <Table.Td>{bar.label}</Table.Td>
                  <Table.Td ta="right">{unit(bar.value!)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  );
}

/** Key figures of an indicator as label–value pairs. */
function Figures({ items }: { items: [string, string][] }) {
  return (
    <dl className="outcomes-figures">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One indicator: its title, its exact definition one click away, then its figures and charts. */
function Indicator({ name, definitions, children }: { name: string; definitions?: IndicatorList; children: ReactNode }) {
  const { t } = useTranslation();
  const defined = definitions?.items.find((item) => item.name === name);
  return (
    <Card withBorder component="section" aria-labelledby={`outcomes-${name}`} data-testid={`outcomes-${name}`}>
      <Title order={3} size="h4" id={`outcomes-${name}`} mb="xs">
        {t(`outcomes.indicator.${name}`)}
      </Title>
      <details className="outcomes-definition">
        <summary>{t('outcomes.definition')}</summary>
        <Text size="sm">{defined?.definition ?? t('outcomes.definitionMissing')}</Text>
        {defined && (
          <Text size="xs" c="dimmed">
            {t('outcomes.definedIn', { where: defined.definedIn })}
          </Text>
        )}
      </details>
      <Stack gap="sm" mt="sm">
        {children}
      </Stack>
    </Card>
  );
}

export default function OutcomesPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [asOf, setAsOf] = useState('');
  // The reader's day: figures as of a later day are not asked for.
  const today = new Date().toLocaleDateString('en-CA');
  const definitions = useApi<IndicatorList>(`/reporting/indicators?lang=${i18n.language}`);
  const timeToHouse = useIndicator<TimeToHouse>('time-to-house', asOf);
  const sustainment = useIndicator<Sustainment>('sustainment', asOf);
  const vacancy = useIndicator<Vacancy>('vacancy', asOf);
  const arrears = useIndicator<Arrears>('arrears', asOf);
  const collection = useIndicator<Collection>('collection', asOf);
  const mediation = useIndicator<Mediation>('mediation', asOf);

  // Durations are whole days, means and medians may have decimals; the labels name the unit.
  const days = (value: number) => format.number(value, Number.isInteger(value) ? 0 : 1);
  const count = (value: number) => format.number(value);
  const percent = (value: number) => `${format.number(value, 1)} %`;
  const rate = (value: Rate) => (value.percent === null ? '—' : percent(value.percent));
  const stat = (value: number | null) => (value === null ? '—' : days(value));
  const programme = (key: string) => t(`programme.${key}`, { defaultValue: key });

  return (
    <Stack>
      <Title order={2}>{t('outcomes.title')}</Title>
      <Text>{t('outcomes.intro')}</Text>
      <Group align="flex-end" gap="md">
        <TextInput
          type="date"
          label={t('outcomes.asOf')}
          description={t('outcomes.asOfHelp')}
          value={asOf || today}
          max={today}
          onChange={(event) => setAsOf(event.currentTarget.value === today ? '' : event.currentTarget.value)}
          data-testid="outcomes-as-of"
        />
        {asOf && (
          <Anchor component="button" type="button" onClick={() => setAsOf('')}>
            {t('outcomes.backToToday')}
          </Anchor>
        )}
      </Group>
      <QueryState query={timeToHouse}>
        {(answer) => (
          <Text size="sm" data-testid="outcomes-period">
            {t(answer.snapshotTakenAt ? 'outcomes.periodStored' : 'outcomes.periodLive', { from: format.date(answer.from), to: format.date(answer.to), taken: format.dateTime(answer.snapshotTakenAt) })}
          </Text>
        )}
      </QueryState>

      <div className="grid-2">
        <Indicator name="time-to-house" definitions={definitions.data}>
          <QueryState query={timeToHouse}>
            {({ figures }) => (
              <>
                <Figures
                  items={[
                    [t('outcomes.housed'), count(figures.housed.fromWaitlisted.count)],
                    [t('outcomes.medianToHouse'), stat(figures.housed.fromWaitlisted.median)],
                    [t('outcomes.p90ToHouse'), stat(figures.housed.fromWaitlisted.p90)],
                    [t('outcomes.stillWaiting'), count(figures.stillWaiting.count)],
                  ]}
                />
                <BarFigure
                  id="still-waiting"
                  title={t('outcomes.chart.stillWaiting')}
                  unit={count}
                  bars={figures.stillWaitingByProgramme.map((p) => ({ label: programme(p.programme), value: p.count }))}
                />
                <BarFigure
                  id="time-to-house"
                  title={t('outcomes.chart.medianToHouse')}
                  unit={days}
                  bars={figures.housedByProgramme.map((p) => ({ label: programme(p.programme), value: p.fromWaitlisted.median }))}
                />
              </>
            )}
          </QueryState>
        </Indicator>

        <Indicator name="sustainment" definitions={definitions.data}>
          <QueryState query={sustainment}>
            {({ figures }) => (
              <>
                <Figures items={[[t('outcomes.tenanciesStarted'), count(figures.tenancies)], ...figures.marks.map((m) => [t(`outcomes.simpleAt.${m.mark}`), rate(m.simple)] as [string, string])]} />
                <BarFigure
                  id="sustainment"
                  title={t('outcomes.chart.sustainment')}
                  unit={percent}
                  bars={figures.marks.map((m) => ({ label: t(`outcomes.mark.${m.mark}`), value: m.kaplanMeier.percent }))}
                />
              </>
            )}
          </QueryState>
        </Indicator>

        <Indicator name="vacancy" definitions={definitions.data}>
          <QueryState query={vacancy}>
            {({ figures }) => (
              <>
                <Figures
                  items={[
                    [t('outcomes.spellsFilled'), count(figures.filled.all.count)],
                    [t('outcomes.meanVacant'), stat(figures.filled.all.mean)],
                    [t('outcomes.stillVacant'), count(figures.stillVacant.count)],
                    [t('outcomes.medianVacantSoFar'), stat(figures.stillVacant.daysSoFar.median)],
                  ]}
                />
                <BarFigure
                  id="vacancy"
                  title={t('outcomes.chart.vacancy')}
                  unit={days}
                  bars={[
                    { label: t('outcomes.allLets'), value: figures.filled.all.mean },
                    { label: t('outcomes.firstLets'), value: figures.filled.firstLets.mean },
                    { label: t('outcomes.relets'), value: figures.filled.relets.mean },
                  ]}
                />
              </>
            )}
          </QueryState>
        </Indicator>

        <Indicator name="arrears" definitions={definitions.data}>
          <QueryState query={arrears}>
            {({ figures }) => (
              <>
                <Figures
                  items={[
                    [t('outcomes.runningTenancies'), count(figures.tenancies)],
                    [t('outcomes.inArrears'), rate(figures.inArrears)],
                    [t('outcomes.moreThanTwoMonths'), rate(figures.moreThanTwoMonths)],
                  ]}
                />
                <BarFigure
                  id="arrears"
                  title={t('outcomes.chart.arrears')}
                  unit={count}
                  bars={figures.byAgeing.map((b) => ({ label: t(`outcomes.ageing.${b.bucket}`), value: b.tenancies }))}
                />
              </>
            )}
          </QueryState>
        </Indicator>

        <Indicator name="collection" definitions={definitions.data}>
          <QueryState query={collection}>
            {({ figures }) => (
              <>
                <Figures
                  items={[
                    [t('outcomes.charged'), format.money(figures.chargedCents / 100)],
                    [t('outcomes.collected'), format.money(figures.collectedCents / 100)],
                    [t('outcomes.collectionRate'), rate(figures.collectionRate)],
                  ]}
                />
                <BarFigure
                  id="collection"
                  title={t('outcomes.chart.collection')}
                  unit={percent}
                  bars={figures.byMonth.map((m) => ({ label: m.month, value: m.collectionRate.percent }))}
                />
              </>
            )}
          </QueryState>
        </Indicator>

        <Indicator name="mediation" definitions={definitions.data}>
          <QueryState query={mediation}>
            {({ figures }) => (
              <>
                <Figures
                  items={[
                    [t('outcomes.complaints'), count(figures.complaints.received)],
                    [t('outcomes.handledInTime'), rate(figures.complaints.stage1.handledInTime)],
                    [t('outcomes.atRisk'), count(figures.tenanciesAtRisk.flagged)],
                    [t('outcomes.kept'), rate(figures.tenanciesAtRisk.kept)],
                  ]}
                />
                <BarFigure
                  id="complaints"
                  title={t('outcomes.chart.complaints')}
                  unit={count}
                  bars={figures.complaints.byCategory.filter((c) => c.count > 0).map((c) => ({ label: t(`outcomes.category.${c.category}`, { defaultValue: c.category }), value: c.count }))}
                />
              </>
            )}
          </QueryState>
        </Indicator>
      </div>
    </Stack>
  );
}
