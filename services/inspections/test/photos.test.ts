import { Topics } from '@hearth/contracts';
import { aCameraJpeg, aPng, bearer, CAMERA_MAKE, checklistAnswers, clearRedisPrefix, eventually, queryDatabase, startTestApp, TestApp, testEnv, TestProducer, UnitEventStream, waitForEvents } from '@hearth/testing';
import { createHash, randomUUID } from 'node:crypto';
import { loadInspectionsConfig } from '../src/config';
import { InspectionsModule } from '../src/inspections.module';

const staff = bearer('sra_staff');
/** Small, so that the test can go over it; the tiny PNGs below are a few hundred bytes. */
const PHOTO_MAX_BYTES = 4096;

interface Photo {
  id: string;
  inspectionId: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** The photos an inspector uploads during a visit, on real PostgreSQL, through multipart/form-data. */
describe('inspections: photos taken during a visit', () => {
  const env = testEnv('inspections', { PHOTO_MAX_BYTES: String(PHOTO_MAX_BYTES) });
  let service: TestApp;
  let producer: TestProducer;
  let itemCodes: string[];

  beforeAll(async () => {
    service = await startTestApp(InspectionsModule.forRoot(loadInspectionsConfig(env), { consumer: { maxAttempts: 2, initialBackoffMs: 20 } }), env.DATABASE_NAME!);
    producer = await TestProducer.connect();
    const { body } = await service.http.get('/checklist').set(staff).expect(200);
    itemCodes = body.areas.flatMap((area: { items: { code: string }[] }) => area.items.map((item) => item.code));
  });

  afterAll(async () => {
    await producer?.disconnect();
    await service?.close();
    await clearRedisPrefix(env.BULLMQ_PREFIX!);
  });

  const anInspector = () => {
    const id = `inspector-${randomUUID().slice(0, 8)}`;
    return { id, token: bearer('inspector', { sub: id }) };
  };

  /** A unit known to the service, and a periodic inspection of it scheduled for a new inspector. */
  async function scheduled() {
    const unit = new UnitEventStream();
    await producer.send(Topics.units, unit.unitId, unit.drafted());
    await eventually(async () => expect(await queryDatabase(service.database, 'SELECT id FROM known_units WHERE id = $1', [unit.unitId])).toHaveLength(1), 30_000);
    const { body: requested } = await service.http.post('/inspections').set(staff).send({ unitId: unit.unitId, type: 'periodic' }).expect(201);
    const inspector = anInspector();
    await service.http.post(`/inspections/${requested.id}/schedule`).set(staff).send({ inspectorId: inspector.id, scheduledAt: '2031-06-12T08:00:00Z' }).expect(200);
    return { unit, inspectionId: requested.id as string, inspector };
  }

  const upload = (inspectionId: string, token: Record<string, string>, bytes: Buffer, filename = 'IMG_0001.jpg', contentType = 'image/jpeg') =>
    service.http.post(`/inspections/${inspectionId}/photos`).set(token).attach('file', bytes, { filename, contentType });

  /** A photo as served: its response, with the body read as bytes. */
  const getPhoto = (inspectionId: string, photoId: string, token: Record<string, string>) =>
    service.http
      .get(`/inspections/${inspectionId}/photos/${photoId}`)
      .set(token)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  const readPhoto = async (inspectionId: string, photoId: string, token: Record<string, string>) => (await getPhoto(inspectionId, photoId, token).expect(200)).body as Buffer;

  /** Rows held for an inspection: its photos, its answers and its outbox messages. */
  async function held(inspectionId: string) {
    const [row] = await queryDatabase<Record<string, string>>(
      service.database,
      `SELECT (SELECT count(*) FROM photos WHERE inspection_id = $1) AS photos,
              (SELECT count(*) FROM checklist_results WHERE inspection_id = $1) AS results,
              (SELECT count(*) FROM outbox WHERE message_key = $1::text) AS outbox`,
      [inspectionId],
    );
    return row;
  }

  it('keeps a photo, tells its type by its bytes (not by what the phone said), and gives back the very bytes', async () => {
    const { inspectionId, inspector } = await scheduled();
    const png = aPng({ seed: 1 });

    const response = await upload(inspectionId, inspector.token, png, 'IMG_0001.jpg', 'image/jpeg').expect(201);

    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      inspectionId,
      contentType: 'image/png',
      sizeBytes: png.length,
      sha256: createHash('sha256').update(png).digest('hex'),
      uploadedAt: expect.any(String),
    });
    expect(response.headers.location).toBe(`/inspections/${inspectionId}/photos/${response.body.id}`);
    const photo = await getPhoto(inspectionId, response.body.id, inspector.token).expect(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['x-content-type-options']).toBe('nosniff');
    expect(photo.headers['cache-control']).toMatch(/^private/);
    expect(Buffer.compare(photo.body as Buffer, png)).toBe(0);
    const [row] = await queryDatabase<{ uploaded_by: string; size_bytes: number }>(service.database, 'SELECT uploaded_by, size_bytes FROM photos WHERE id = $1', [response.body.id]);
    expect(row).toEqual({ uploaded_by: inspector.id, size_bytes: png.length });
  });

  it('keeps a camera photo without its metadata (location, make, comment), its orientation kept, and a retry is still the same photo', async () => {
    const { inspectionId, inspector } = await scheduled();
    const original = aCameraJpeg({ orientation: 6, seed: 8 });

    const response = await upload(inspectionId, inspector.token, original).expect(201);
    const retried = await upload(inspectionId, inspector.token, original).expect(200);

    const kept = await readPhoto(inspectionId, response.body.id, inspector.token);
    const text = kept.toString('latin1');
    expect(text).toContain('Exif');
    for (const revealing of [CAMERA_MAKE, 'GPSLatitude', 'Rue Haute', 'xmpmeta']) expect(text).not.toContain(revealing);
    // The orientation entry (tag 0112, SHORT, one value: 6), big-endian, is all that is left of the Exif block.
    expect(kept.includes(Buffer.from('0112000300000001000600', 'hex'))).toBe(true);
    // What is kept ends with the picture as it was sent: the scan (a 10-byte header, 7 bytes of picture).
    expect(kept.subarray(-17)).toEqual(original.subarray(-17));
    expect(response.body).toEqual(expect.objectContaining({ contentType: 'image/jpeg', sizeBytes: kept.length, sha256: createHash('sha256').update(kept).digest('hex') }));
    expect(kept.length).toBeLessThan(original.length);
    expect(retried.body.id).toBe(response.body.id);
  });

  it('answers an upload retried after a lost connection with the photo already kept (200), writing nothing twice', async () => {
    const { inspectionId, inspector } = await scheduled();
    const before = await held(inspectionId);
    const first = await upload(inspectionId, inspector.token, aPng({ seed: 2 })).expect(201);

    const retried = await upload(inspectionId, inspector.token, aPng({ seed: 2 })).expect(200);
    const another = await upload(inspectionId, inspector.token, aPng({ seed: 3 })).expect(201);

    expect(retried.body).toEqual(first.body);
    expect(another.body.id).not.toBe(first.body.id);
    // Two photos, and no message: the outbox holds the request and the scheduling only, as before.
    expect(before).toEqual({ photos: '0', results: '0', outbox: '2' });
    expect(await held(inspectionId)).toEqual({ photos: '2', results: '0', outbox: '2' });
  });

  it('lets a failed item name its photos; completing makes them the deficiency’s photos, and no event carries them', async () => {
    const { inspectionId, inspector } = await scheduled();
    const mould = (await upload(inspectionId, inspector.token, aPng({ seed: 4 })).expect(201)).body as Photo;
    const wider = (await upload(inspectionId, inspector.token, aPng({ seed: 5, width: 32 })).expect(201)).body as Photo;

    const { body: saved } = await service.http
      .put(`/inspections/${inspectionId}/items/no_mould_growth`)
      .set(inspector.token)
      .send({ result: 'fail', severity: 'moderate', note: 'Mould behind the wardrobe', photos: [mould.id, wider.id] })
      .expect(200);
    for (const [code, body] of checklistAnswers(itemCodes).build().filter(([code]) => code !== 'no_mould_growth')) {
      await service.http.put(`/inspections/${inspectionId}/items/${code}`).set(inspector.token).send(body).expect(200);
    }
    await service.http.post(`/inspections/${inspectionId}/complete`).set(inspector.token).send({}).expect(200);

    expect(saved.photos).toEqual([mould.id, wider.id]);
    const { body: detail } = await service.http.get(`/inspections/${inspectionId}`).set(staff).expect(200);
    expect(detail.deficiencies).toEqual([expect.objectContaining({ itemCode: 'no_mould_growth', photos: [mould.id, wider.id] })]);
    const events = await waitForEvents(Topics.inspections, inspectionId, ['InspectionCompleted']);
    const published = JSON.stringify(events);
    expect(published).not.toContain(mould.id);
    expect(published).not.toContain(wider.id);
  });

  it('refuses a photo that is not one of this inspection’s (400 naming its place in the list), recording nothing', async () => {
    const mine = await scheduled();
    const theirs = await scheduled();
    const own = (await upload(mine.inspectionId, mine.inspector.token, aPng({ seed: 6 })).expect(201)).body as Photo;
    const foreign = (await upload(theirs.inspectionId, theirs.inspector.token, aPng({ seed: 7 })).expect(201)).body as Photo;
    const before = await held(mine.inspectionId);

    const refused = await service.http
      .put(`/inspections/${mine.inspectionId}/items/no_mould_growth`)
      .set(mine.inspector.token)
      .send({ result: 'fail', severity: 'low', note: 'Small patch of mould', photos: [own.id, foreign.id, randomUUID()] })
      .expect(400);
    const notAnId = await service.http
      .put(`/inspections/${mine.inspectionId}/items/no_mould_growth`)
      .set(mine.inspector.token)
      .send({ result: 'pass', photos: ['photos/1.jpg'] })
      .expect(400);

    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.errors).toEqual([
      { field: 'photos.1', message: 'is not a photo uploaded for this inspection' },
      { field: 'photos.2', message: 'is not a photo uploaded for this inspection' },
    ]);
    expect(notAnId.body.errors).toEqual([{ field: 'photos.0', message: 'must be the id of a photo uploaded for this inspection' }]);
    expect(await held(mine.inspectionId)).toEqual(before);
  });

  it.each([
    ['no file (a JSON body)', (request: ReturnType<typeof service.http.post>) => request.send({ photo: 'IMG_0001.jpg' }), 400],
    ['an empty file', (request: ReturnType<typeof service.http.post>) => request.attach('file', Buffer.alloc(0), 'empty.jpg'), 400],
    ['a PDF that says it is a JPEG', (request: ReturnType<typeof service.http.post>) => request.attach('file', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), { filename: 'IMG_0002.jpg', contentType: 'image/jpeg' }), 400],
    ['a JPEG cut short', (request: ReturnType<typeof service.http.post>) => request.attach('file', aCameraJpeg().subarray(0, 40), { filename: 'IMG_0003.jpg', contentType: 'image/jpeg' }), 400],
    ['an SVG', (request: ReturnType<typeof service.http.post>) => request.attach('file', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), { filename: 'a.svg', contentType: 'image/svg+xml' }), 400],
    ['the photo under another field name', (request: ReturnType<typeof service.http.post>) => request.attach('image', aPng({ seed: 8 }), 'IMG_0003.png'), 400],
    ['two photos at once', (request: ReturnType<typeof service.http.post>) => request.attach('file', aPng({ seed: 9 }), 'a.png').attach('file', aPng({ seed: 10 }), 'b.png'), 400],
    ['a photo over PHOTO_MAX_BYTES', (request: ReturnType<typeof service.http.post>) => request.attach('file', Buffer.concat([aPng({ seed: 11 }), Buffer.alloc(PHOTO_MAX_BYTES)]), 'big.png'), 413],
  ])('refuses %s with problem+json naming the field "file", keeping nothing', async (_case, send, status) => {
    const { inspectionId, inspector } = await scheduled();

    const response = await send(service.http.post(`/inspections/${inspectionId}/photos`).set(inspector.token)).expect(status);

    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['file']);
    expect(await held(inspectionId)).toMatchObject({ photos: '0', results: '0' });
  });

  it('shows a photo to whoever may see the inspection: staff, its inspector, the flat’s landlord; anyone else 404', async () => {
    const { unit, inspectionId, inspector } = await scheduled();
    const other = await scheduled();
    const photo = (await upload(inspectionId, inspector.token, aPng({ seed: 12 })).expect(201)).body as Photo;
    const path = `/inspections/${inspectionId}/photos/${photo.id}`;

    for (const reader of [staff, inspector.token, bearer('landlord', { landlordId: unit.landlordId })]) await service.http.get(path).set(reader).expect(200);
    for (const stranger of [anInspector().token, bearer('landlord'), other.inspector.token]) {
      expect((await service.http.get(path).set(stranger).expect(404)).body.code).toBe('INSPECTION.NOT_FOUND');
    }
    // Through another inspection's path, even one its reader may see: not found.
    expect((await service.http.get(`/inspections/${other.inspectionId}/photos/${photo.id}`).set(staff).expect(404)).body.code).toBe('PHOTO.NOT_FOUND');
    await service.http.get(`/inspections/${inspectionId}/photos/${randomUUID()}`).set(staff).expect(404);
    await service.http.get(path).expect(401);
  });

  it('removes at completion the photos no answer names; shows the inspector of a re-inspection the photos of the deficiencies they check again, and nothing else of that visit', async () => {
    const { inspectionId, inspector } = await scheduled();
    const mould = (await upload(inspectionId, inspector.token, aPng({ seed: 15 })).expect(201)).body as Photo;
    const unused = (await upload(inspectionId, inspector.token, aPng({ seed: 16 })).expect(201)).body as Photo;
    await service.http
      .put(`/inspections/${inspectionId}/items/no_mould_growth`)
      .set(inspector.token)
      .send({ result: 'fail', severity: 'moderate', note: 'Mould in the bathroom', photos: [mould.id] })
      .expect(200);
    for (const [code, body] of checklistAnswers(itemCodes).build().filter(([code]) => code !== 'no_mould_growth')) {
      await service.http.put(`/inspections/${inspectionId}/items/${code}`).set(inspector.token).send(body).expect(200);
    }
    await service.http.post(`/inspections/${inspectionId}/complete`).set(inspector.token).send({}).expect(200);
    // Completing removed the photo no answer names: it serves no one any more.
    expect((await service.http.get(`/inspections/${inspectionId}/photos/${unused.id}`).set(staff).expect(404)).body.code).toBe('PHOTO.NOT_FOUND');
    expect(await held(inspectionId)).toMatchObject({ photos: '1' });
    const { body: reinspection } = await service.http.post(`/inspections/${inspectionId}/reinspection`).set(staff).send({}).expect(201);
    const second = anInspector();
    const mouldPath = `/inspections/${inspectionId}/photos/${mould.id}`;

    // Not yet assigned: not found.
    await service.http.get(mouldPath).set(second.token).expect(404);
    await service.http.post(`/inspections/${reinspection.id}/schedule`).set(staff).send({ inspectorId: second.id, scheduledAt: '2031-07-01T08:00:00Z' }).expect(200);

    expect(await readPhoto(inspectionId, mould.id, second.token)).toEqual(aPng({ seed: 15 }));
    const { body: detail } = await service.http.get(`/inspections/${reinspection.id}`).set(second.token).expect(200);
    expect(detail.reinspectedDeficiencies).toEqual([expect.objectContaining({ itemCode: 'no_mould_growth', photos: [mould.id] })]);
    for (const refused of [
      service.http.get(`/inspections/${inspectionId}/photos/${unused.id}`).set(second.token),
      service.http.get(`/inspections/${inspectionId}`).set(second.token),
      service.http.get(mouldPath).set(anInspector().token),
    ]) {
      expect((await refused.expect(404)).body.code).toBe('INSPECTION.NOT_FOUND');
    }
  });

  it('takes photos only from staff or the inspector assigned, and only while the visit is scheduled', async () => {
    const { unit, inspectionId, inspector } = await scheduled();

    expect((await upload(inspectionId, anInspector().token, aPng({ seed: 13 })).expect(404)).body.code).toBe('INSPECTION.NOT_FOUND');
    await upload(inspectionId, bearer('landlord', { landlordId: unit.landlordId }), aPng({ seed: 13 })).expect(403);
    await upload(randomUUID(), staff, aPng({ seed: 13 })).expect(404);
    await upload(inspectionId, staff, aPng({ seed: 13 })).expect(201);
    await service.http.post(`/inspections/${inspectionId}/cancel`).set(staff).send({ reason: 'The flat was withdrawn' }).expect(200);
    const late = await upload(inspectionId, inspector.token, aPng({ seed: 14 })).expect(409);

    expect(late.body.code).toBe('INSPECTION.CANCELLED');
    expect(await held(inspectionId)).toMatchObject({ photos: '1' });
  });
});
