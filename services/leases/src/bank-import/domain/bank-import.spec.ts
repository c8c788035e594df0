import { MalformedStatementError, parseAmountCents, parseBookingDate, parseCamt053Statement, parseCsvStatement } from './statement-parsers';
import { parseStructuredCommunication, structuredCommunication } from './structured-communication';

describe('Belgian structured communication', () => {
  it('adds the mod-97 check digits (97 when the remainder is 0)', () => {
    // 1,000,001 = 97 × 10,309 + 28
    expect(structuredCommunication(1_000_001)).toBe('+++000/1000/00128+++');
    // 909,337,554 mod 97 = 93
    expect(structuredCommunication(909_337_554)).toBe('+++090/9337/55493+++');
    // 9,700,000,000 is a multiple of 97
    expect(structuredCommunication(9_700_000_000)).toBe('+++970/0000/00097+++');
  });

  it('reads it back however the payer or the bank wrote it, and refuses wrong check digits', () => {
    for (const written of ['+++090/9337/55493+++', '***090/9337/55493***', '090/9337/55493', '090933755493', 'rent nov +++090 9337 55493+++']) {
      expect(parseStructuredCommunication(written)).toBe(909_337_554n);
    }
    expect(parseStructuredCommunication('+++090/9337/55494+++')).toBeNull();
    expect(parseStructuredCommunication('rent for November')).toBeNull();
    expect(parseStructuredCommunication(null)).toBeNull();
  });
});

describe('statement parsing', () => {
  it('reads amounts exactly in either decimal convention', () => {
    expect(['1234.56', '1.234,56', '1,234.56', '-12,5', '700', '0.01'].map(parseAmountCents)).toEqual([123_456, 123_456, 123_456, -1_250, 70_000, 1]);
    // "12.345" is twelve thousand three hundred and forty-five euros as Belgian banks write it
    expect(parseAmountCents('12.345')).toBe(1_234_500);
    expect(['1.2.3', '12,3456', 'abc', '', '1e3'].map(parseAmountCents)).toEqual([null, null, null, null, null]);
  });

  it('reads ISO and day-first dates that exist', () => {
    expect(['2026-11-03', '03/11/2026', '29.02.2024'].map(parseBookingDate)).toEqual(['2026-11-03', '2026-11-03', '2024-02-29']);
    expect(['29/02/2025', '2026-13-01', 'yesterday'].map(parseBookingDate)).toEqual([null, null, null]);
  });

  it('reads a semicolon CSV with Dutch headers', () => {
    const csv = 'Datum;Bedrag;Mededeling\n03/11/2026;650,00;+++000/1000/00128+++\n04/11/2026;-20,00;bank fee\n';
    expect(parseCsvStatement(csv)).toEqual([
      { lineNo: 2, bookedOn: '2026-11-03', amountCents: 65_000, reference: '+++000/1000/00128+++', bankTransactionId: null },
      { lineNo: 3, bookedOn: '2026-11-04', amountCents: -2_000, reference: 'bank fee', bankTransactionId: null },
    ]);
  });

  it('reports every malformed line of a CSV, and a missing column', () => {
    const csv = 'date,amount,reference\n2026-11-03,650.00,x\n2026-02-30,12.3456,y\n2026-11-05,ten,z\n';
    expect(() => parseCsvStatement(csv)).toThrow(MalformedStatementError);
    try {
      parseCsvStatement(csv);
    } catch (error) {
      expect((error as MalformedStatementError).problems.map((p) => p.line)).toEqual([3, 3, 4]);
    }
    expect(() => parseCsvStatement('date,reference\n2026-11-03,x\n')).toThrow(/cannot be read/);
  });

  it('reads credits and debits of a camt.053 statement with structured and free-text references', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
  <Ntry><Amt Ccy="EUR">650.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-03</Dt></BookgDt><AcctSvcrRef>TX-1</AcctSvcrRef>
    <NtryDtls><TxDtls><RmtInf><Strd><CdtrRefInf><Ref>000100000128</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>
  <Ntry><Amt Ccy="EUR">20.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-11-04</Dt></BookgDt>
    <NtryDtls><TxDtls><RmtInf><Ustrd>bank fee</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>`;
    expect(parseCamt053Statement(xml)).toEqual([
      { lineNo: 1, bookedOn: '2026-11-03', amountCents: 65_000, reference: '000100000128', bankTransactionId: 'TX-1' },
      { lineNo: 2, bookedOn: '2026-11-04', amountCents: -2_000, reference: 'bank fee', bankTransactionId: null },
    ]);
  });

  it('refuses XML that is not a camt.053 statement, or an entry without a date', () => {
    expect(() => parseCamt053Statement('<Document><Other/></Document>')).toThrow(MalformedStatementError);
    expect(() => parseCamt053Statement('<Document><BkToCstmrStmt><Stmt><Ntry><Amt>1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry></Stmt></BkToCstmrStmt></Document>')).toThrow(
      MalformedStatementError,
    );
    expect(() => parseCamt053Statement('<Document><unclosed>')).toThrow(MalformedStatementError);
  });
});
