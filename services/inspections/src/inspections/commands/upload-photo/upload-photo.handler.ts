import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ValidationError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import { Photo } from '../../domain/photo.entity';
import { withoutMetadata } from '../../domain/photo-metadata';
import { photoTypeOf } from '../../domain/photo-type';
import { InspectionRepository } from '../../inspection.repository';
import { PhotoView, toPhotoView } from '../../photo.view';
import { PHOTO_FIELD } from './photo-file.interceptor';

export interface PhotoUpload {
  photo: PhotoView;
  /** False when the same image had been uploaded for this inspection before (a retry): that photo. */
  created: boolean;
}

export class UploadPhotoCommand extends Command<PhotoUpload> {
  constructor(
    readonly inspectionId: string,
    readonly bytes: Buffer | undefined,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Keeps a photo the inspector took, for the checklist answers of the same inspection to name.
 * Only while the inspection is scheduled, by staff or the inspector it is assigned to. The type is
 * read from the bytes, not from what the client says; what the camera wrote beside the picture
 * (location, device, time) is removed before it is kept (decision 0019). The same image sent again for the same
 * inspection (a retry after a lost connection) is the photo already kept: nothing is written twice.
 * No event: photos stay in this service (decision 0017).
 */
@CommandHandler(UploadPhotoCommand)
export class UploadPhotoHandler implements ICommandHandler<UploadPhotoCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly inspections: InspectionRepository,
  ) {}

  execute({ inspectionId, bytes, actor }: UploadPhotoCommand): Promise<PhotoUpload> {
    if (!bytes || bytes.length === 0) throw new ValidationError([{ field: PHOTO_FIELD, message: `is required: one image sent as the multipart/form-data field "${PHOTO_FIELD}"` }]);
    const contentType = photoTypeOf(bytes);
    const image = contentType && withoutMetadata(bytes, contentType);
    if (!contentType || !image) throw new ValidationError([{ field: PHOTO_FIELD, message: 'must be a JPEG, PNG or WebP image' }]);
    const sha256 = createHash('sha256').update(image).digest('hex');
    return this.unitOfWork.run(async (manager) => {
      // Row-locked: uploads of one inspection, its answers and its completion are taken one at a time.
      const inspection = await this.inspections.getForUpdate(manager, inspectionId, actor);
      inspection.assertCan('record_result');
      const earlier = await manager.findOneBy(Photo, { inspectionId, sha256 });
      if (earlier) return { photo: toPhotoView(earlier), created: false };
      const photo = manager.create(Photo, {
        id: randomUUID(),
        inspectionId,
        sha256,
        contentType,
        sizeBytes: image.length,
        data: image,
        uploadedAt: new Date(),
        uploadedBy: actor.id,
      });
      await manager.insert(Photo, photo);
      return { photo: toPhotoView(photo), created: true };
    });
  }
}
