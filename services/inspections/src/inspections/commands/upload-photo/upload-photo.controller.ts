import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses } from '@hearth/platform';
import { Controller, Param, ParseUUIDPipe, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PHOTO_FIELD, PhotoFileInterceptor, type UploadedPhotoFile } from './photo-file.interceptor';
import { PhotoUpload, UploadPhotoCommand } from './upload-photo.handler';

@ApiTags('checklist')
@ApiProblemResponses()
@Controller('inspections/:inspectionId/photos')
export class UploadPhotoController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles(...STAFF_ROLES, 'inspector')
  @UseInterceptors(PhotoFileInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [PHOTO_FIELD],
      properties: { [PHOTO_FIELD]: { type: 'string', format: 'binary', description: 'One JPEG, PNG or WebP image (told by its bytes), at most PHOTO_MAX_BYTES (5 MiB by default)' } },
    },
  })
  @ApiCreatedResponse({ description: 'Kept: its id goes in a checklist answer’s `photos`' })
  @ApiOkResponse({ description: 'The same image was uploaded for this inspection before (a retry): that photo, nothing written' })
  @ApiPayloadTooLargeResponse({ description: 'PHOTO.TOO_LARGE: the file is over PHOTO_MAX_BYTES; nothing was written' })
  @ApiConflictResponse({ description: 'INSPECTION.NOT_SCHEDULED, INSPECTION.ALREADY_COMPLETED or INSPECTION.CANCELLED' })
  async upload(
    @Param('inspectionId', ParseUUIDPipe) inspectionId: string,
    @UploadedFile() file: UploadedPhotoFile | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { photo, created }: PhotoUpload = await this.commandBus.execute(new UploadPhotoCommand(inspectionId, file?.buffer, actor));
    response.status(created ? 201 : 200).location(`/inspections/${inspectionId}/photos/${photo.id}`);
    return photo;
  }
}
