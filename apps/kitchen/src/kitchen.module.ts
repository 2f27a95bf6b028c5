import { Module } from '@nestjs/common';
import { IdentityModule, KernelModule } from '@gx/application';
import { PlatformModule } from '@gx/platform';

/** 中央厨房: standing orders (contracts, deliveries and statements arrive with their issue). */
@Module({
  imports: [PlatformModule.forRoot({ app: 'kitchen', login: true }), KernelModule.forRoot(), IdentityModule],
})
export class KitchenModule {}
