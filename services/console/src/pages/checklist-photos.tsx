import { Alert, Button, FileButton, Group, Loader, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchBlob, uploadFile } from '../api/files';
import { ApiError, onSessionChange } from '../api/session';
import { describeError } from '../components/states';

interface UploadedPhoto {
  id: string;
}

const photoPath = (inspectionId: string, photoId: string) => `/inspections/inspections/${inspectionId}/photos/${photoId}`;

/**
 * The photos fetched in this tab, by path: a photo's bytes never change under its id, so each is
 * fetched once (not again after every saved item, as the page's queries are), and forgotten when
 * the session changes.
 */
const fetched = new Map<string, Promise<Blob>>();
onSessionChange((session) => {
  if (!session) fetched.clear();
});

function photoBlob(path: string): Promise<Blob> {
  let blob = fetched.get(path);
  if (!blob) {
    blob = fetchBlob(path);
    fetched.set(path, blob);
    blob.catch(() => fetched.delete(path));
  }
  return blob;
}

/** An object URL for a photo, made while the component shows it and revoked after. */
function usePhotoUrl(path: string): { url?: string; failed: boolean } {
  const [state, setState] = useState<{ url?: string; failed: boolean }>({ failed: false });
  useEffect(() => {
    let showing = true;
    let made: string | undefined;
    photoBlob(path).then(
      (blob) => {
        if (!showing) return;
        made = URL.createObjectURL(blob);
        setState({ url: made, failed: false });
      },
      () => showing && setState({ failed: true }),
    );
    return () => {
      showing = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [path]);
  return state;
}

/** Photos over this size are scaled down before they are sent (the service takes 5 MiB by default). */
const SCALE_ABOVE_BYTES = 2 * 1024 * 1024;
/** The longer side of a scaled-down photo, in pixels: enough to see a crack or a stain. */
const LONGEST_SIDE = 2560;

/**
 * A phone's camera makes photos of several megabytes, slow to send on a poor connection and
 * possibly over the service's limit: one over 2 MB is drawn again at most 2560 pixels on its longer
 * side and sent as a JPEG (which also leaves its metadata behind). Anything the browser cannot
 * read as an image is sent as it is, for the service to say why it refuses it.
 */
async function fitForUpload(file: File): Promise<Blob> {
  if (file.size <= SCALE_ABOVE_BYTES) return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file;
  }
  const scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const scaled = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  return scaled ?? file;
}

/** What went wrong with an upload, in words: too large, not an image, no connection, or the API's refusal. */
function uploadProblem(error: unknown, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 413) return t('checklistPhotos.tooLarge');
    if (error.status === 400) return t('checklistPhotos.wrongType');
    return `${t('checklistPhotos.failed')} ${describeError(error, t)}`;
  }
  return t('checklistPhotos.offline');
}

/** One photo, fetched through the API with the token and shown from memory; removable when `onRemove` is given. */
function Thumbnail({ inspectionId, photoId, index, onRemove, altKey = 'checklistPhotos.alt' }: { inspectionId: string; photoId: string; index: number; onRemove?: () => void; altKey?: string }) {
  const { t } = useTranslation();
  const { url, failed } = usePhotoUrl(photoPath(inspectionId, photoId));
  return (
    <Group gap="sm" wrap="nowrap" className="photo-thumbnail" data-testid="photo-thumbnail">
      <div className="photo-thumbnail-frame">
        {url ? (
          <img src={url} alt={t(altKey, { index: index + 1 })} className="photo-thumbnail-image" />
        ) : failed ? (
          <Text size="sm" role="alert">
            {t('checklistPhotos.notShown', { index: index + 1 })}
          </Text>
        ) : (
          <Loader size="sm" aria-label={t('checklistPhotos.loading', { index: index + 1 })} />
        )}
      </div>
      {onRemove && (
        <Button variant="outline" color="red" className="touch-button" onClick={onRemove}>
          {t('checklistPhotos.remove', { index: index + 1 })}
        </Button>
      )}
    </Group>
  );
}

/** Photos of an earlier inspection, to look at only (those of the deficiencies a re-inspection checks again). */
export function EarlierPhotos({ inspectionId, photos, labelledBy }: { inspectionId: string; photos: string[]; labelledBy: string }) {
  return (
    <Stack gap="xs" role="list" aria-labelledby={labelledBy}>
      {photos.map((photoId, index) => (
        <div role="listitem" key={photoId}>
          <Thumbnail inspectionId={inspectionId} photoId={photoId} index={index} altKey="checklistPhotos.earlierAlt" />
        </div>
      ))}
    </Stack>
  );
}

/**
 * The photos of a failed item: "Add photo" opens the phone's camera (any image file on a
 * desktop), uploads at once, and adds the photo to the item's list; the list is saved with the item.
 * Without a connection the upload waits and goes once the phone is back online (the same image
 * sent twice is one photo on the server); a failed upload says why and leaves the item's other
 * answers as they are.
 */
export function ItemPhotos({
  inspectionId,
  itemCode,
  photos,
  onChange,
  onUploading,
}: {
  inspectionId: string;
  itemCode: string;
  photos: string[];
  onChange: (photos: string[]) => void;
  /** Told while a photo is on its way, so that the item is not saved without it. */
  onUploading: (uploading: boolean) => void;
}) {
  const { t } = useTranslation();
  const upload = useMutation({
    mutationFn: async (file: File) => uploadFile<UploadedPhoto>(`/inspections/inspections/${inspectionId}/photos`, 'file', await fitForUpload(file), file.name),
  });
  useEffect(() => onUploading(upload.isPending), [upload.isPending, onUploading]);
  const add = (file: File | null) => {
    if (!file) return;
    upload.mutate(file, { onSuccess: (photo) => onChange(photos.includes(photo.id) ? photos : [...photos, photo.id]) });
  };
  return (
    <Stack gap={6} data-testid={`photos-${itemCode}`}>
      <Text size="sm" fw={600} id={`photos-label-${itemCode}`}>
        {t('checklistPhotos.title', { count: photos.length })}
      </Text>
      {photos.length > 0 && (
        <Stack gap="xs" role="list" aria-labelledby={`photos-label-${itemCode}`}>
          {photos.map((photoId, index) => (
            <div role="listitem" key={photoId}>
              <Thumbnail inspectionId={inspectionId} photoId={photoId} index={index} onRemove={() => onChange(photos.filter((id) => id !== photoId))} />
            </div>
          ))}
        </Stack>
      )}
      <FileButton onChange={add} accept="image/*" capture="environment" inputProps={{ 'aria-label': t('checklistPhotos.add') }}>
        {(props) => (
          <Button {...props} variant="light" className="touch-button" loading={upload.isPending}>
            {t('checklistPhotos.add')}
          </Button>
        )}
      </FileButton>
      <div aria-live="polite">
        {upload.isPending && <Text size="sm">{t(upload.isPaused ? 'checklistPhotos.waiting' : 'checklistPhotos.uploading')}</Text>}
        {upload.isSuccess && !upload.isPending && <Text size="sm">{t('checklistPhotos.uploaded')}</Text>}
      </div>
      {upload.error && (
        <Alert color="red" role="alert">
          {uploadProblem(upload.error, t)}
        </Alert>
      )}
    </Stack>
  );
}
