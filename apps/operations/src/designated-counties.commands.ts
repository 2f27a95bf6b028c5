import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, commandContextOf, DesignatedCounties } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import type { CountyParamsDto, DesignateCountyDto } from './designated-counties.controller';

/** Designate a county */
export class DesignatedCountiesDesignateCommand extends Command<ResultOf<DesignatedCountiesDesignateHandler>> {
  constructor(
    readonly params: CountyParamsDto,
    readonly body: DesignateCountyDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(DesignatedCountiesDesignateCommand)
export class DesignatedCountiesDesignateHandler {
  constructor(private readonly counties: DesignatedCounties) {}

  execute({ params, body, ctx }: { params: CountyParamsDto; body: DesignateCountyDto; ctx: RequestContext }) {
    return this.counties.designate(
      params.county,
      body.note,
      commandContextOf(ctx, `designate-county:${params.county}`),
    );
  }
}

/** Withdraw a county's designation */
export class DesignatedCountiesWithdrawCommand extends Command<ResultOf<DesignatedCountiesWithdrawHandler>> {
  constructor(
    readonly params: CountyParamsDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(DesignatedCountiesWithdrawCommand)
export class DesignatedCountiesWithdrawHandler {
  constructor(private readonly counties: DesignatedCounties) {}

  execute({ params, ctx }: { params: CountyParamsDto; ctx: RequestContext }) {
    return this.counties.withdraw(params.county, commandContextOf(ctx, `withdraw-county:${params.county}`));
  }
}

/** The handlers of the commands of designated-counties.controller.ts, registered in the app module. */
export const DESIGNATED_COUNTIES_COMMAND_HANDLERS = [
  DesignatedCountiesDesignateHandler,
  DesignatedCountiesWithdrawHandler,
];
