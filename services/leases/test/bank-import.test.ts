import { bearer, eventually, queryDatabase } from '@hearth/testing';
import { randomUUID } from 'node:crypto';
import { acceptedOffer, flatInScheme, leasesSuite, staff } from './support';

/** Bank statements (CSV and camt.053) matched to tenancies by their structured communication; "today" is 2026-11-20. */
describe('bank statement import', () => {
  const suite = leasesSuite();
  let tenancyId: string;
  let paymentReference: string;

  beforeAll(async () => {
    const flat = await flatInScheme(suite.service, suite.producer);
    const { tenancy } = await acceptedOffer(suite.service, suite.producer, flat.unitId);
    tenancyId = tenancy.id;
    await suite.service.http
      .put(`/tenancies/${tenancyId}/terms`)
      .set(staff)
      .send({ rent: 700, serviceCharges: 50, deposit: { kind: 'none', amount: 0 }, startDate: '2026-11-01', endDate: null })
      .expect(200);
    await suite.service.http.post(`/tenancies/${tenancyId}/sign`).set(staff).send({}).expect(200);
    // November charged: 75,000.
    await eventually(async () => expect((await suite.service.http.get(`/tenancies/${tenancyId}/ledger`).set(staff).expect(200)).body.chargedCents).toBe(75_000), 30_000);
    paymentReference = (await suite.service.http.get(`/tenancies/${tenancyId}`).set(staff).expect(200)).body.paymentReference;
  });

  const ledger = async () => (await suite.service.http.get(`/tenancies/${tenancyId}/ledger`).set(staff).expect(200)).body;
  const counts = async () =>
    (await queryDatabase(suite.service.database, `SELECT (SELECT count(*)::int FROM ledger_entries) AS entries, (SELECT count(*)::int FROM bank_statements) AS statements, (SELECT count(*)::int FROM bank_statement_lines) AS lines`))[0];

  it('gives each tenancy a structured communication with valid check digits', () => {
    expect(paymentReference).toMatch(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
    const digits = paymentReference.replace(/\D/g, '');
    const check = Number(BigInt(digits.slice(0, 10)) % 97n) || 97;
    expect(digits.slice(10)).toBe(String(check).padStart(2, '0'));
  });

  it('imports a CSV: the matching credit is booked, the other listed as unmatched, the debit ignored; the same file twice changes nothing', async () => {
    const csv = `Date;Amount;Communication\n03/11/2026;400,00;${paymentReference}\n05/11/2026;100,00;rent november flat 3\n06/11/2026;-20,00;bank fee\n`;
    const { body: first } = await suite.service.http.post('/bank-statements').set(staff).send({ format: 'csv', fileName: 'nov.csv', content: csv }).expect(201);
    expect(first).toMatchObject({ alreadyImported: false, lines: 3, matched: 1, unmatched: 1, ignored: 1 });
    // 75,000 − 40,000 = 35,000
    expect(await ledger()).toMatchObject({ paidCents: 40_000, balanceCents: 35_000 });

    const before = await counts();
    const { body: again } = await suite.service.http.post('/bank-statements').set(staff).send({ format: 'csv', fileName: 'nov (copy).csv', content: csv }).expect(201);
    expect(again).toEqual({ id: first.id, alreadyImported: true, lines: 3, matched: 1, unmatched: 1, ignored: 1 });
    expect(await counts()).toEqual(before);

    const { body: statement } = await suite.service.http.get(`/bank-statements/${first.id}`).set(staff).expect(200);
    expect(statement.entries.map((e: { lineNo: number; status: string; amountCents: number }) => [e.lineNo, e.status, e.amountCents])).toEqual([
      [2, 'matched', 40_000],
      [3, 'unmatched', 10_000],
      [4, 'ignored', -2_000],
    ]);

    // Staff assign the unmatched credit: 35,000 − 10,000 = 25,000; once only.
    await suite.service.http.post(`/bank-statements/${first.id}/lines/3/assign`).set(staff).send({ tenancyId }).expect(200);
    expect(await ledger()).toMatchObject({ paidCents: 50_000, balanceCents: 25_000 });
    const twice = await suite.service.http.post(`/bank-statements/${first.id}/lines/3/assign`).set(staff).send({ tenancyId }).expect(409);
    expect(twice.body.code).toBe('STATEMENT.LINE_NOT_UNMATCHED');
    await suite.service.http.post(`/bank-statements/${first.id}/lines/4/assign`).set(staff).send({ tenancyId: randomUUID() }).expect(409);
  });

  it('imports a camt.053 statement matched by the structured creditor reference; a bank transaction seen before is a duplicate', async () => {
    const digits = paymentReference.replace(/\D/g, '');
    const entry = (id: string, amount: string) =>
      `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-10</Dt></BookgDt><AcctSvcrRef>${id}</AcctSvcrRef>` +
      `<NtryDtls><TxDtls><RmtInf><Strd><CdtrRefInf><Ref>${digits}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>`;
    const camt = (entries: string) =>
      `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>${entries}</Stmt></BkToCstmrStmt></Document>`;
    const tx = `TX-${randomUUID()}`;
    const { body } = await suite.service.http.post('/bank-statements').set(staff).send({ format: 'camt053', fileName: 'camt.xml', content: camt(entry(tx, '250.00')) }).expect(201);
    expect(body).toMatchObject({ lines: 1, matched: 1, unmatched: 0 });
    // 25,000 − 25,000 = 0
    expect(await ledger()).toMatchObject({ paidCents: 75_000, balanceCents: 0 });

    // A later statement repeating that transaction (another file) books only the new one: 0 − 5,000 = −5,000 (a credit).
    const { body: overlap } = await suite.service.http
      .post('/bank-statements')
      .set(staff)
      .send({ format: 'camt053', fileName: 'camt-2.xml', content: camt(entry(tx, '250.00') + entry(`TX-${randomUUID()}`, '50.00')) })
      .expect(201);
    expect(overlap).toMatchObject({ lines: 2, matched: 1, ignored: 1 });
    expect(await ledger()).toMatchObject({ paidCents: 80_000, balanceCents: -5_000 });
  });

  it.each([
    ['csv', 'date,amount,reference\n2026-11-03,650.00,x\n2026-02-30,12.3456,y\n', [3]],
    ['csv', 'when,how much\n2026-11-03,650.00\n', [1]],
    ['camt053', '<Document><BkToCstmrStmt><Stmt><Ntry><Amt>1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry></Stmt></BkToCstmrStmt></Document>', [1]],
    ['camt053', '<Document><unclosed>', [0]],
  ])('refuses a malformed %s file with every problem and its line, importing nothing', async (format, content, lines) => {
    const before = await counts();
    const response = await suite.service.http.post('/bank-statements').set(staff).send({ format, fileName: 'bad', content }).expect(422);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.body.code).toBe('STATEMENT.MALFORMED');
    expect([...new Set(response.body.problems.map((p: { line: number }) => p.line))]).toEqual(lines);
    expect(await counts()).toEqual(before);
  });

  it('refuses bad input (400) and anyone but staff (403)', async () => {
    const bad = await suite.service.http.post('/bank-statements').set(staff).send({ format: 'pdf', content: '' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['format', 'fileName', 'content']));
    await suite.service.http.post('/bank-statements').set(bearer('landlord', { landlordId: randomUUID() })).send({ format: 'csv', fileName: 'x', content: 'a' }).expect(403);
    await suite.service.http.get(`/bank-statements/${randomUUID()}`).set(staff).expect(404);
  });
});
