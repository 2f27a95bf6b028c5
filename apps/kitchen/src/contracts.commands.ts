import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, ContractCommands, KitchenViews } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { CreateContractDto } from './kitchen.dto';

/** Create a contract */
export class ContractsCreateCommand extends Command<ResultOf<ContractsCreateHandler>> {
  constructor(
    readonly body: CreateContractDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(ContractsCreateCommand)
export class ContractsCreateHandler {
  constructor(
    private readonly commands: ContractCommands,
    private readonly views: KitchenViews,
  ) {}

  async execute({ body, ctx }: { body: CreateContractDto; ctx: RequestContext }) {
    const lines = body.lines.map((l) => ({
      sku: l.sku,
      unit: l.saleUnit,
      fen: l.unitPriceFen,
      ...(l.limitBase !== undefined && { limit: l.limitBase }),
    }));
    const { contractId, position, state } = await this.commands.create(
      { ...body, lines },
      commandContextOf(ctx, 'create-contract'),
    );
    const { kitchen, title, from, to } = state;
    const created = Object.values(state.lines).map((l) => ({ ...l, drawn: 0, remaining: l.limit ?? null }));
    const view = await this.views.contract({
      contractId,
      kitchen,
      title,
      from,
      to,
      lines: created,
      createdBy: ctx.user?.username ?? '',
      createdAt: ctx.now.toISOString(),
    });
    return { ...view, position };
  }
}

/** The handlers of the commands of contracts.controller.ts, registered in the app module. */
export const CONTRACTS_COMMAND_HANDLERS = [ContractsCreateHandler];
