import { Photo } from './domain/photo.entity';

/** What an upload answers, and what the API says of a photo besides its bytes. */
export function toPhotoView(photo: Photo) {
  return {
    id: photo.id,
    inspectionId: photo.inspectionId,
    contentType: photo.contentType,
    sizeBytes: photo.sizeBytes,
    sha256: photo.sha256,
    uploadedAt: photo.uploadedAt,
  };
}

export type PhotoView = ReturnType<typeof toPhotoView>;
