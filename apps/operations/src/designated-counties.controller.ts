import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { AfterQueryDto, IsPlainText } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { DesignatedCountiesDesignateCommand, DesignatedCountiesWithdrawCommand } from './designated-counties.commands';
import { DesignatedCountiesListQuery } from './designated-counties.queries';

/** Path of a county: its name as producers and warehouses carry it (`冠县`). */
export class CountyParamsDto {
  @ApiProperty({ example: '冠县', description: 'the county name as producers carry it' })
  @IsPlainText(40)
  county: string;
}

export class DesignateCountyDto {
  @ApiPropertyOptional({ example: '国家乡村振兴重点帮扶县' }) @IsOptional() @IsPlainText(200) note?: string;
}

/** A county's designation as a poverty-alleviation county (脱贫县). */
class CountyDesignationView {
  @ApiProperty({ example: '冠县' }) county: string;
  @ApiProperty({ example: true }) designated: boolean;
  @ApiPropertyOptional({ example: '国家乡村振兴重点帮扶县' }) note?: string;
  @ApiPropertyOptional({
    example: '2026-12-01T10:00:00+08:00',
    description: 'when it was designated or withdrawn (Beijing time with its offset)',
  })
  since?: string;
  @ApiPropertyOptional({ example: 'operator1' }) by?: string;
}

class CountyDesignationListView {
  @ApiProperty({ type: [CountyDesignationView] }) items: CountyDesignationView[];
}

class CountyDesignationChangedView {
  @ApiProperty({ example: '冠县' }) county: string;
  @ApiProperty({ example: true }) designated: boolean;
  @ApiProperty({ example: '1234', description: 'log position; pass as ?after= to read your own write' })
  position: string;
}

/**
 * Designated poverty-alleviation counties (脱贫县) in master data. Kitchen deliveries record, per batch,
 * whether its producer's county was designated when it was issued; statements report the share
 * (the "832 platform" rule: budget-funded canteens buy at least 10% from them).
 */
@ApiTags('designated-counties')
@ApiBearerAuth()
@Controller('designated-counties')
export class DesignatedCountiesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  @Roles('operator')
  @ApiOp({
    summary: 'Counties designated (or once designated) poverty-alleviation counties',
    answer: CountyDesignationListView,
  })
  list(@Query() query: AfterQueryDto) {
    return this.queryBus.execute(new DesignatedCountiesListQuery(query));
  }

  @Put(':county')
  @Roles('operator')
  @HttpCode(200)
  @ApiOp({
    summary: 'Designate a county',
    description:
      'Batches issued to kitchens from then on count toward the designated share; designating again changes nothing.',
    answer: CountyDesignationChangedView,
  })
  designate(@Param() params: CountyParamsDto, @Body() body: DesignateCountyDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new DesignatedCountiesDesignateCommand(params, body, ctx));
  }

  @Delete(':county')
  @Roles('operator')
  @HttpCode(200)
  @ApiOp({
    summary: "Withdraw a county's designation",
    description: 'Deliveries already issued keep the designation they were issued under.',
    answer: CountyDesignationChangedView,
  })
  withdraw(@Param() params: CountyParamsDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new DesignatedCountiesWithdrawCommand(params, ctx));
  }
}
