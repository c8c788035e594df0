import { Actor, CurrentActor, Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses } from '@hearth/platform';
import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Inspection } from '../../domain/inspection.entity';
import { Photo } from '../../domain/photo.entity';
import { PHOTO_TYPES } from '../../domain/photo-type';
import { canSeeInspection } from '../../inspection-access';
import { InspectionNotFoundError, PhotoNotFoundError } from '../../inspection.errors';

export class GetPhotoQuery extends Query<Photo> {
  constructor(
    readonly inspectionId: string,
    readonly photoId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * A photo of an inspection, with its bytes, for whoever may see the inspection, and for the
 * inspector of a re-inspection of it the photos of its deficiencies (what they come to check
 * again). Anyone else: 404.
 */
@QueryHandler(GetPhotoQuery)
export class GetPhotoHandler implements IQueryHandler<GetPhotoQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ inspectionId, photoId, actor }: GetPhotoQuery): Promise<Photo> {
    const manager = this.dataSource.manager;
    const inspection = await manager.findOneBy(Inspection, { id: inspectionId });
    if (!inspection) throw new InspectionNotFoundError(inspectionId);
    if (!canSeeInspection(actor, inspection) && !(await this.checksItAgain(actor, inspectionId, photoId))) throw new InspectionNotFoundError(inspectionId);
    const photo = await manager.findOne(Photo, {
      where: { id: photoId, inspectionId },
      select: { id: true, inspectionId: true, sha256: true, contentType: true, sizeBytes: true, data: true },
    });
    if (!photo) throw new PhotoNotFoundError(photoId);
    return photo;
  }

  /** The actor inspects again a flat this inspection found deficient, and the photo shows one of its deficiencies. */
  private async checksItAgain(actor: Actor, inspectionId: string, photoId: string): Promise<boolean> {
    if (actor.role !== 'inspector') return false;
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM inspections reinspection
        WHERE reinspection.reinspection_of = $1 AND reinspection.inspector_id = $2
          AND EXISTS (SELECT 1 FROM deficiencies WHERE inspection_id = $1 AND $3 = ANY(photos))`,
      [inspectionId, actor.id, photoId],
    );
    return row !== undefined;
  }
}

@ApiTags('checklist')
@ApiProblemResponses()
@Controller('inspections/:inspectionId/photos')
export class GetPhotoController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':photoId')
  @Roles(...STAFF_ROLES, 'inspector', 'landlord')
  @ApiProduces(...PHOTO_TYPES)
  @ApiOkResponse({
    description: 'The image as it was uploaded',
    content: Object.fromEntries(PHOTO_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
  })
  async get(
    @Param('inspectionId', ParseUUIDPipe) inspectionId: string,
    @Param('photoId', ParseUUIDPipe) photoId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const photo: Photo = await this.queryBus.execute(new GetPhotoQuery(inspectionId, photoId, actor));
    // A photo's bytes never change under its id: the browser may keep it, for this user only.
    response.setHeader('Cache-Control', 'private, max-age=3600, immutable');
    response.setHeader('ETag', `"${photo.sha256}"`);
    return new StreamableFile(photo.data, { type: photo.contentType, length: photo.sizeBytes, disposition: 'inline' });
  }
}
