import { Alert, Button, Group, NativeSelect, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useApi, useApiMutation } from '../api/hooks';
import { describeError, fieldErrors, QueryState } from '../components/states';
import { useFormat } from '../format';
import { EarlierPhotos, ItemPhotos } from './checklist-photos';

interface Item {
  code: string;
  label: string;
  result: 'pass' | 'fail' | 'not_applicable' | null;
  severity: string | null;
  note: string | null;
  photos: string[];
}
/** A deficiency found by the inspection a re-inspection checks again. */
interface EarlierDeficiency {
  inspectionId: string;
  itemCode: string;
  severity: string;
  note: string | null;
  photos: string[];
  deadlineAt: string;
  status: string;
}
interface InspectionWithChecklist {
  id: string;
  version: number;
  status: string;
  unit: { address: string; city: string } | null;
  checklist: { answered: number; total: number; areas: { code: string; label: string; items: Item[] }[] };
  reinspectedDeficiencies: EarlierDeficiency[];
}

const SEVERITIES = ['life_threatening', 'severe', 'moderate', 'low'];

/** One checklist item, saved on its own (a lost connection loses at most the item being typed);
 *  a failed item's photos are uploaded as they are taken and saved with it. */
function ItemForm({ inspectionId, item, earlier }: { inspectionId: string; item: Item; earlier?: EarlierDeficiency }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<string>(item.result ?? '');
  const [severity, setSeverity] = useState(item.severity ?? '');
  const [note, setNote] = useState(item.note ?? '');
  const [photos, setPhotos] = useState<string[]>(item.photos ?? []);
  const [uploading, setUploading] = useState(false);
  const save = useApiMutation((body: Record<string, unknown>) => ({ path: `/inspections/inspections/${inspectionId}/items/${item.code}`, method: 'PUT', body }));
  const errors = fieldErrors(save.error);
  const send = (value: string) => {
    setResult(value);
    if (value !== 'fail') save.mutate({ result: value });
  };
  return (
    <Stack gap={6} data-testid={`item-${item.code}`}>
      <Text fw={600} id={`label-${item.code}`}>
        {item.label}
      </Text>
      {earlier && <FoundBefore deficiency={earlier} />}
      <SegmentedControl
        aria-labelledby={`label-${item.code}`}
        fullWidth
        size="md"
        value={result}
        onChange={send}
        data={[
          { value: 'pass', label: t('checklist.pass') },
          { value: 'fail', label: t('checklist.fail') },
          { value: 'not_applicable', label: t('checklist.notApplicable') },
        ]}
      />
      {result === 'fail' && (
        <Stack gap={6}>
          <NativeSelect label={t('checklist.severity')} value={severity} onChange={(e) => setSeverity(e.currentTarget.value)} error={errors.severity} data={[{ value: '', label: '—' }, ...SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))]} />
          <Textarea label={t('checklist.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
          <ItemPhotos inspectionId={inspectionId} itemCode={item.code} photos={photos} onChange={setPhotos} onUploading={setUploading} />
          {Object.keys(errors).some((field) => field.startsWith('photos')) && (
            <Alert color="red" role="alert">
              {t('checklistPhotos.refused')}
            </Alert>
          )}
          <Button className="touch-button" onClick={() => save.mutate({ result: 'fail', severity: severity || undefined, note: note || undefined, photos })} loading={save.isPending} disabled={uploading}>
            {t('checklist.saveItem')}
          </Button>
        </Stack>
      )}
      {save.isSuccess && <Text size="sm">{t('checklist.saved')}</Text>}
      {save.error && Object.keys(errors).length === 0 && (
        <Alert color="red" role="alert">
          {describeError(save.error, t)}
        </Alert>
      )}
    </Stack>
  );
}

/** What the inspection being checked again found for this item: to look at before answering. */
function FoundBefore({ deficiency }: { deficiency: EarlierDeficiency }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labelId = `found-before-${deficiency.itemCode}`;
  return (
    <Alert color="orange" variant="light" data-testid={labelId}>
      <Stack gap={4}>
        <Text size="sm" fw={600} id={labelId}>
          {t('checklist.foundBefore', { severity: t(`severity.${deficiency.severity}`), deadline: format.date(deficiency.deadlineAt) })}
        </Text>
        {deficiency.note && <Text size="sm">{deficiency.note}</Text>}
        {deficiency.photos.length > 0 && <EarlierPhotos inspectionId={deficiency.inspectionId} photos={deficiency.photos} labelledBy={labelId} />}
      </Stack>
    </Alert>
  );
}

/** The checklist, one area per screen, big touch targets; on a re-inspection, each item found deficient before shows what was found. */
export default function ChecklistPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { inspectionId } = useParams();
  const [areaIndex, setAreaIndex] = useState(0);
  const inspection = useApi<InspectionWithChecklist>(`/inspections/inspections/${inspectionId}`);
  const complete = useApiMutation((i: InspectionWithChecklist) => ({ path: `/inspections/inspections/${i.id}/complete`, body: {} }));
  return (
    <QueryState query={inspection}>
      {(i) => {
        const areas = i.checklist.areas;
        const area = areas[Math.min(areaIndex, areas.length - 1)];
        return (
          <Stack maw={560}>
            <Title order={2}>{i.unit ? `${i.unit.address}, ${i.unit.city}` : t('checklist.title')}</Title>
            <Text>{t('agenda.progress', { answered: i.checklist.answered, total: i.checklist.total })}</Text>
            <Title order={3} size="h4">
              {t('checklist.area', { index: areaIndex + 1, count: areas.length, area: area.label })}
            </Title>
            {area.items.map((item) => (
              <ItemForm key={`${area.code}-${item.code}`} inspectionId={i.id} item={item} earlier={i.reinspectedDeficiencies.find((d) => d.itemCode === item.code)} />
            ))}
            <Group grow>
              <Button className="touch-button" variant="outline" disabled={areaIndex === 0} onClick={() => setAreaIndex((n) => n - 1)}>
                {t('checklist.previous')}
              </Button>
              {areaIndex < areas.length - 1 ? (
                <Button className="touch-button" onClick={() => setAreaIndex((n) => n + 1)}>
                  {t('checklist.next')}
                </Button>
              ) : (
                <Button className="touch-button" disabled={i.status !== 'scheduled'} loading={complete.isPending} onClick={() => complete.mutate(i, { onSuccess: () => navigate('/agenda') })}>
                  {t('checklist.complete')}
                </Button>
              )}
            </Group>
            {complete.error && (
              <Alert color="red" role="alert">
                {describeError(complete.error, t)}
              </Alert>
            )}
          </Stack>
        );
      }}
    </QueryState>
  );
}
