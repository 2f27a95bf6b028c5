import { Injectable } from '@nestjs/common';
import { SALE_PAYMENT_TERMS_DAYS, type LotEvent } from '@gx/domain';
import type { CommandContext } from '@gx/eventstore';
import type { Clock } from '@gx/platform';
import type { ProcessManager } from '@gx/readstore';
import { eventCause, stepContext } from '../kernel/command-context';
import { StockCommands } from '../stock/stock.commands';
import { AUCTION_COMMAND_IDS as IDS } from './auction.ids';
import { asLot } from './auction.projection';
import { LotCommands } from './lot.commands';
import { SaleCommands } from './sale.commands';

/** Name (checkpoint and lease) of the process manager carrying out lots' closes. */
export const AUCTION_FULFILMENT = 'auction-fulfilment';

const DAY_MS = 86_400_000;

type Of<T extends LotEvent['type']> = Extract<LotEvent, { type: T }>['data'];

/**
 * The steps that carry out a lot's close on the stock ledger and the sale: sold → a sale order with payment
 * due and the lot's allocated stock issued to the winner; unsold or withdrawn → the lot's stock released.
 * Every command runs under `stepContext(cause, <its id>)` with an id from `AUCTION_COMMAND_IDS`.
 */
@Injectable()
export class AuctionFulfilment {
  constructor(
    private readonly lots: LotCommands,
    private readonly sales: SaleCommands,
    private readonly stock: StockCommands,
  ) {}

  /** The lot was sold: open its sale order, issue its stock to the winner and record the batches on the sale. */
  async sold(sold: Of<'LotSold'>, cause: CommandContext): Promise<void> {
    const { state } = await this.lots.state(sold.lotId);
    const unit = state.terms?.unit ?? '';
    const dueAt = new Date(Date.parse(sold.closedAt) + SALE_PAYMENT_TERMS_DAYS * DAY_MS).toISOString();
    const { saleId, lotId, buyerId, sku, warehouse, quantity, units, pricePerUnit, amount } = sold;
    await this.sales.open(
      {
        saleId,
        lotId,
        buyerId,
        sku,
        warehouse,
        quantity,
        units,
        unit,
        pricePerUnit,
        amount,
        dueAt,
        openedAt: sold.closedAt,
      },
      stepContext(cause, IDS.openSale(saleId)),
    );
    const issued = await this.stock.issue(
      { sku, warehouse },
      { holder: lotId, reason: `sale ${saleId}` },
      stepContext(cause, IDS.issueLotStock(lotId)),
    );
    const picks = issued.events.flatMap((x) => (x.type === 'StockIssued' ? x.data.picks : []));
    await this.sales.recordIssued(saleId, picks, stepContext(cause, IDS.recordIssued(saleId)));
  }

  /** The lot closed unsold or was withdrawn: its stock goes back to the warehouse (`reason` on the ledger). */
  async returnStock(lot: Of<'LotUnsold' | 'LotWithdrawn'>, reason: string, cause: CommandContext): Promise<void> {
    await this.lots.releaseStock(
      lot.lotId,
      { sku: lot.sku, warehouse: lot.warehouse },
      reason,
      stepContext(cause, IDS.releaseLotStock(lot.lotId)),
    );
  }
}

/**
 * The auction fulfilment process manager: routes each lot outcome to one step of {@link AuctionFulfilment},
 * under one cause per event (`eventCause`: the process manager as actor, the event as cause).
 */
export function auctionFulfilmentProcessManager(steps: AuctionFulfilment, clock: Clock): ProcessManager {
  return {
    name: AUCTION_FULFILMENT,
    filter: { streamPrefixes: ['lot-'], eventTypes: ['LotSold', 'LotUnsold', 'LotWithdrawn'] },
    async handle(event) {
      const cause = eventCause(AUCTION_FULFILMENT, event, clock.now());
      const e = asLot(event);
      switch (e?.type) {
        case 'LotSold':
          return steps.sold(e.data, cause);
        case 'LotUnsold':
          return steps.returnStock(e.data, 'lot unsold', cause);
        case 'LotWithdrawn':
          return steps.returnStock(e.data, 'lot withdrawn', cause);
        default:
          return;
      }
    },
  };
}
