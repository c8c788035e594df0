import { Actor } from '@hearth/auth';
import { UnitOfWork } from '@hearth/persistence';
import { ConflictError, NotFoundError } from '@hearth/platform';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TenancyNotChargeableError } from '../../../ledger/ledger.errors';
import { TenancyRepository } from '../../../tenancies/tenancy.repository';
import { BankPayments } from '../../bank-payments';
import { BankStatementLine } from '../../domain/bank-statement.entity';
import { AssignLineDto } from './assign-line.dto';

export class AssignLineCommand extends Command<{ statementId: string; lineNo: number; status: 'assigned'; tenancyId: string; paymentId: string }> {
  constructor(
    readonly statementId: string,
    readonly lineNo: number,
    readonly input: AssignLineDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Staff assign an unmatched credit to the tenancy it pays for: booked as a bank payment, once. */
@CommandHandler(AssignLineCommand)
export class AssignLineHandler implements ICommandHandler<AssignLineCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly tenancies: TenancyRepository,
    private readonly payments: BankPayments,
  ) {}

  execute({ statementId, lineNo, input, actor }: AssignLineCommand) {
    return this.unitOfWork.run(async (manager) => {
      const line = await manager.findOne(BankStatementLine, { where: { statementId, lineNo }, lock: { mode: 'pessimistic_write' } });
      if (!line) throw new NotFoundError('STATEMENT.LINE_NOT_FOUND', `No line ${lineNo} in statement ${statementId}`);
      if (line.status !== 'unmatched') throw new ConflictError('STATEMENT.LINE_NOT_UNMATCHED', `Line ${lineNo} is ${line.status}, not waiting to be assigned`);
      const tenancy = await this.tenancies.getForUpdate(manager, input.tenancyId, actor);
      if (!tenancy.activatedOn) throw new TenancyNotChargeableError(tenancy.id);
      const [[paymentId]] = await this.payments.book(manager, [{ tenancy, payments: [{ bookedOn: line.bookedOn, amountCents: line.amountCents, reference: line.reference }] }], actor);
      await manager.update(BankStatementLine, { statementId, lineNo }, { status: 'assigned', tenancyId: tenancy.id, paymentId });
      await manager.query('UPDATE bank_statements SET unmatched = unmatched - 1, matched = matched + 1 WHERE id = $1', [statementId]);
      return { statementId, lineNo, status: 'assigned' as const, tenancyId: tenancy.id, paymentId };
    });
  }
}
