import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Roles } from '@gx/platform';
import { BuyersListQuery } from './buyers.queries';

/** A wholesale buyer with its credit, as operators list it. */
export class BuyerListItemView {
  @ApiProperty({ example: 'BUYER-LC-001' }) buyerId: string;
  @ApiPropertyOptional({
    example: '聊城果品批发',
    description: 'the display name of the buyer’s first login; absent for a credit account nobody signs in for',
  })
  name?: string;
  @ApiProperty({ description: 'credit approved (PUT /buyers/{id}/credit on the wholesale app)' }) approved: boolean;
  @ApiProperty({ example: 20_000_000, description: 'credit limit, fen' }) creditLimitFen: number;
  @ApiProperty({ example: 0, description: 'fen held by live bids' }) exposureFen: number;
  @ApiProperty({ example: 0, description: 'fen of won lots not yet paid' }) receivablesFen: number;
  @ApiProperty({ example: 20_000_000, description: 'fen of credit still available' }) availableFen: number;
}

export class BuyerListView {
  @ApiProperty({ type: [BuyerListItemView] }) items: BuyerListItemView[];
}

/** Wholesale buyers (批发采购商) for the operations console; they are registered and given credit on the wholesale app. */
@ApiTags('buyers')
@ApiBearerAuth()
@Roles('operator')
@Controller('buyers')
export class BuyersController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOp({
    summary: 'Wholesale buyers with their credit, by buyer id',
    description:
      'Every buyer with a login or a credit account (at most 500), from the auction projection: name, whether credit is approved, limit, exposure, receivables and available credit in fen. Their users: GET /users?partyKind=buyer&party={buyerId}.',
    answer: BuyerListView,
  })
  list(@Query() query: AfterQueryDto): Promise<BuyerListView> {
    return this.queryBus.execute(new BuyersListQuery(query));
  }
}
