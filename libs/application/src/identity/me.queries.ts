import { Query, QueryHandler } from '@nestjs/cqrs';
import {
  buyerDecider,
  buyerStream,
  kitchenDecider,
  kitchenStream,
  pickupPointDecider,
  pickupPointStream,
  type Role,
} from '@gx/domain';
import { CommandRunner } from '@gx/eventstore';
import { ProblemException, type RequestContext } from '@gx/platform';
import { ResultOf } from '../kernel/dispatch';
import { Accounts } from './identity';
import type { MeParty, MeResponse } from './me';

/** Who I am */
export class MeGetQuery extends Query<ResultOf<MeGetHandler>> {
  constructor(readonly ctx: RequestContext) {
    super();
  }
}

@QueryHandler(MeGetQuery)
export class MeGetHandler {
  constructor(
    private readonly runner: CommandRunner,
    private readonly accounts: Accounts,
  ) {}

  async execute({ ctx }: { ctx: RequestContext }): Promise<MeResponse> {
    // The guard lets only verified tokens through, so a user is always present here.
    const username = ctx.user?.username ?? '';
    const account = await this.accounts.profile(username);
    if (!account) throw new ProblemException(404, 'NOT_FOUND', `user ${username} does not exist`);
    const { displayName, roles, party } = account;
    return {
      username,
      displayName,
      roles,
      parties: party === undefined ? [] : [await this.partyOf(roles, party, displayName)],
    };
  }

  /** The party with its names, read from its own stream (so a party registered or edited a moment ago shows as it is). */
  private async partyOf(roles: Role[], id: string, displayName: string): Promise<MeParty> {
    if (roles.includes('leader')) {
      const { state } = await this.runner.load(pickupPointDecider, pickupPointStream(id));
      if (!state.exists) return { kind: 'pickupPoint', id };
      const { name, hours, warehouse, address, lat, lng } = state.data;
      return {
        kind: 'pickupPoint',
        id,
        name,
        hours,
        warehouse,
        ...(address !== undefined && { address }),
        ...(lat !== undefined && lng !== undefined && { lat, lng }),
      };
    }
    if (roles.includes('buyer')) {
      // Buyers approved before their registration was recorded are named by their users' display name.
      const { state } = await this.runner.load(buyerDecider, buyerStream(id));
      return {
        kind: 'buyer',
        id,
        name: state.name !== undefined ? await this.accounts.openText(state.name) : displayName,
      };
    }
    const { state } = await this.runner.load(kitchenDecider, kitchenStream(id));
    return state.exists
      ? { kind: 'kitchen', id, name: state.data.name, address: state.data.address, kitchenKind: state.data.kind }
      : { kind: 'kitchen', id };
  }
}

/** The handlers of the queries of me.ts, registered in the identity module. */
export const ME_QUERY_HANDLERS = [MeGetHandler];
