import { Roles, STAFF_ROLES } from '@hearth/auth';
import { ApiProblemResponses, NotFoundError } from '@hearth/platform';
import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { BankStatement, BankStatementLine } from '../../domain/bank-statement.entity';

export class GetStatementQuery extends Query<unknown> {
  constructor(readonly id: string) {
    super();
  }
}

/** An imported statement: its totals and every line with what became of it (unmatched ones for staff to assign). */
@QueryHandler(GetStatementQuery)
export class GetStatementHandler implements IQueryHandler<GetStatementQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ id }: GetStatementQuery) {
    const statement = await this.dataSource.manager.findOneBy(BankStatement, { id });
    if (!statement) throw new NotFoundError('STATEMENT.NOT_FOUND', `No bank statement ${id}`);
    const lines = await this.dataSource.manager.find(BankStatementLine, { where: { statementId: id }, order: { lineNo: 'ASC' } });
    return {
      id,
      format: statement.format,
      fileName: statement.fileName,
      importedAt: statement.importedAt.toISOString(),
      lines: statement.lines,
      matched: statement.matched,
      unmatched: statement.unmatched,
      ignored: statement.ignored,
      entries: lines.map((l) => ({ lineNo: l.lineNo, bookedOn: l.bookedOn, amountCents: l.amountCents, reference: l.reference, status: l.status, tenancyId: l.tenancyId })),
    };
  }
}

@ApiTags('bank statements')
@ApiProblemResponses()
@Controller('bank-statements')
export class GetStatementController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @Roles(...STAFF_ROLES)
  @ApiNotFoundResponse({ description: 'No such statement' })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.queryBus.execute(new GetStatementQuery(id));
  }
}
