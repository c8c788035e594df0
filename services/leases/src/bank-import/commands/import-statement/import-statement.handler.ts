import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { DomainError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { createHash, randomUUID } from 'node:crypto';
import { Tenancy } from '../../../tenancies/domain/tenancy.entity';
import { BankPayments } from '../../bank-payments';
import { BankStatement, BankStatementLine, LineStatus } from '../../domain/bank-statement.entity';
import { MalformedStatementError, parseCamt053Statement, parseCsvStatement, StatementLine } from '../../domain/statement-parsers';
import { parseStructuredCommunication } from '../../domain/structured-communication';
import { ImportStatementDto } from './import-statement.dto';

export interface ImportSummary {
  id: string;
  alreadyImported: boolean;
  lines: number;
  matched: number;
  unmatched: number;
  ignored: number;
}

export class StatementMalformedError extends DomainError {
  constructor(problems: { line: number; problem: string }[]) {
    super('STATEMENT.MALFORMED', `The statement cannot be read (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was imported`, 422, {
      problems: problems.slice(0, 100),
    });
  }
}

export class ImportStatementCommand extends Command<ImportSummary> {
  constructor(
    readonly input: ImportStatementDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Imports a bank statement in one transaction: every credit whose reference is a tenancy's
 * structured communication (check digits right) is booked on that tenancy's ledger; other credits
 * are listed as unmatched for staff to assign; debits are ignored; a bank transaction already
 * imported from another file is a duplicate. A malformed file imports nothing (422 with every
 * problem and its line). The same file twice (same SHA-256) changes nothing.
 */
@CommandHandler(ImportStatementCommand)
export class ImportStatementHandler implements ICommandHandler<ImportStatementCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly payments: BankPayments,
  ) {}

  execute({ input, actor }: ImportStatementCommand): Promise<ImportSummary> {
    let parsed: StatementLine[];
    try {
      parsed = input.format === 'csv' ? parseCsvStatement(input.content) : parseCamt053Statement(input.content);
    } catch (error) {
      if (error instanceof MalformedStatementError) throw new StatementMalformedError(error.problems);
      throw error;
    }
    const sha256 = createHash('sha256').update(input.content).digest('hex');
    return this.unitOfWork.run(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bank-statement:${sha256}`]);
      const existing = await manager.findOneBy(BankStatement, { sha256 });
      if (existing) return { ...summary(existing), alreadyImported: true };

      const bases = [...new Set(parsed.map((line) => (line.amountCents > 0 ? parseStructuredCommunication(line.reference) : null)).filter((b): b is bigint => b !== null))];
      const tenancies = bases.length
        ? await manager
            .createQueryBuilder(Tenancy, 't')
            .setLock('pessimistic_write')
            .where('t.payment_reference_base = ANY(:bases)', { bases: bases.map(String) })
            .orderBy('t.id')
            .getMany()
        : [];
      const byBase = new Map(tenancies.filter((t) => t.activatedOn).map((t) => [BigInt(t.paymentReferenceBase), t]));
      const transactionIds = parsed.map((l) => l.bankTransactionId).filter((id): id is string => id !== null);
      const seen = new Set(
        transactionIds.length
          ? (await manager.query(`SELECT bank_transaction_id FROM bank_statement_lines WHERE bank_transaction_id = ANY($1) AND status <> 'duplicate'`, [transactionIds])).map(
              (r: { bank_transaction_id: string }) => r.bank_transaction_id,
            )
          : [],
      );

      const statementId = randomUUID();
      const rows: BankStatementLine[] = [];
      const perTenancy = new Map<string, { tenancy: Tenancy; lines: BankStatementLine[] }>();
      for (const line of parsed) {
        let status: LineStatus;
        let tenancy: Tenancy | undefined;
        if (line.bankTransactionId && seen.has(line.bankTransactionId)) status = 'duplicate';
        else if (line.amountCents <= 0) status = 'ignored';
        else {
          const base = parseStructuredCommunication(line.reference);
          tenancy = base !== null ? byBase.get(base) : undefined;
          status = tenancy ? 'matched' : 'unmatched';
        }
        if (line.bankTransactionId && status !== 'duplicate') seen.add(line.bankTransactionId);
        const row = Object.assign(new BankStatementLine(), { statementId, ...line, status, tenancyId: tenancy?.id ?? null, paymentId: null });
        rows.push(row);
        if (tenancy) {
          const group = perTenancy.get(tenancy.id) ?? { tenancy, lines: [] };
          group.lines.push(row);
          perTenancy.set(tenancy.id, group);
        }
      }
      const groups = [...perTenancy.values()];
      const ids = await this.payments.book(
        manager,
        groups.map(({ tenancy, lines }) => ({ tenancy, payments: lines.map((l) => ({ bookedOn: l.bookedOn, amountCents: l.amountCents, reference: l.reference })) })),
        actor,
      );
      groups.forEach(({ lines }, g) => lines.forEach((l, i) => (l.paymentId = ids[g][i])));
      const count = (status: LineStatus) => rows.filter((r) => r.status === status).length;
      const statement: BankStatement = {
        id: statementId,
        sha256,
        format: input.format,
        fileName: input.fileName,
        importedAt: new Date(),
        importedBy: actor.id,
        lines: rows.length,
        matched: count('matched'),
        unmatched: count('unmatched'),
        ignored: count('ignored') + count('duplicate'),
      };
      await manager.insert(BankStatement, statement);
      const column = <K extends keyof BankStatementLine>(key: K) => rows.map((row) => row[key]);
      await manager.query(
        `INSERT INTO bank_statement_lines (statement_id, line_no, booked_on, amount_cents, reference, bank_transaction_id, status, tenancy_id, payment_id)
         SELECT $1, l.* FROM unnest($2::int[], $3::date[], $4::int[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::uuid[]) AS l`,
        [statementId, column('lineNo'), column('bookedOn'), column('amountCents'), column('reference'), column('bankTransactionId'), column('status'), column('tenancyId'), column('paymentId')],
      );
      return { ...summary(statement), alreadyImported: false };
    });
  }
}

function summary(s: BankStatement) {
  return { id: s.id, lines: s.lines, matched: s.matched, unmatched: s.unmatched, ignored: s.ignored };
}
