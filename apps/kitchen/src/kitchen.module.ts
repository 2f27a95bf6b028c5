import { Module } from '@nestjs/common';
import { IdentityModule, KernelModule, KitchenContextModule, MeController } from '@gx/application';
import { PlatformModule } from '@gx/platform';
import { ContractsController } from './contracts.controller';
import { DeliveriesController } from './deliveries.controller';
import { SpendingController } from './spending.controller';
import { StandingOrdersController } from './standing-orders.controller';
import { StatementsController } from './statements.controller';
import { CONTRACTS_COMMAND_HANDLERS } from './contracts.commands';
import { CONTRACTS_QUERY_HANDLERS } from './contracts.queries';
import { DELIVERIES_COMMAND_HANDLERS } from './deliveries.commands';
import { DELIVERIES_QUERY_HANDLERS } from './deliveries.queries';
import { SPENDING_QUERY_HANDLERS } from './spending.queries';
import { STANDING_ORDERS_COMMAND_HANDLERS } from './standing-orders.commands';
import { STANDING_ORDERS_QUERY_HANDLERS } from './standing-orders.queries';
import { STATEMENTS_COMMAND_HANDLERS } from './statements.commands';
import { STATEMENTS_QUERY_HANDLERS } from './statements.queries';

/**
 * 中央厨房: contracts, standing orders, deliveries and statements. Kitchens' purchasers and the
 * cooperative's operators both use this app: operators create contracts, answer shortage flags,
 * dispatch deliveries and record payments here, next to what the kitchens see.
 */
@Module({
  imports: [
    PlatformModule.forRoot({ app: 'kitchen', login: true }),
    KernelModule.forRoot(),
    IdentityModule,
    KitchenContextModule,
  ],
  controllers: [
    MeController,
    ContractsController,
    StandingOrdersController,
    DeliveriesController,
    StatementsController,
    SpendingController,
  ],
  // The handlers of the commands and queries the controllers send (CommandBus, QueryBus).
  providers: [
    ...CONTRACTS_COMMAND_HANDLERS,
    ...CONTRACTS_QUERY_HANDLERS,
    ...DELIVERIES_COMMAND_HANDLERS,
    ...DELIVERIES_QUERY_HANDLERS,
    ...SPENDING_QUERY_HANDLERS,
    ...STANDING_ORDERS_COMMAND_HANDLERS,
    ...STANDING_ORDERS_QUERY_HANDLERS,
    ...STATEMENTS_COMMAND_HANDLERS,
    ...STATEMENTS_QUERY_HANDLERS,
  ],
})
export class KitchenModule {}
