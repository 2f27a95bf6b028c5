import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { Projection } from '@gx/readstore';
import {
  DeclareProjection,
  declaredProjections,
  declaredWorkerTaskClasses,
  DeclareWorkerTasks,
  Declarations,
} from './declarations';

const projection = (name: string): Projection => ({ name, version: 1, readModels: [] });

@DeclareProjection()
class Zebra {
  readonly projection = projection('zebra-spec');
}

@DeclareProjection()
class Aardvark {
  readonly projection = projection('aardvark-spec');
}

@DeclareProjection()
class AardvarkAgain {
  readonly projection = projection('aardvark-spec');
}

@DeclareWorkerTasks()
class Tasks {
  tasks() {
    return { processManagers: [] };
  }
}

/** An area module registering what it declares, as the areas of libs/application do. */
@Module({ providers: [Zebra, Tasks] })
class AreaA {}

@Module({ providers: [Aardvark] })
class AreaB {}

async function declarationsOf(...areas: Array<new () => unknown>): Promise<Declarations> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule, ...areas],
    providers: [Declarations],
  }).compile();
  return moduleRef.get(Declarations);
}

describe('Declarations', () => {
  it('finds the projections and worker tasks the imported modules register, projections in name order', async () => {
    const found = await declarationsOf(AreaA, AreaB);
    expect(found.projections().map((p) => p.name)).toEqual(['aardvark-spec', 'zebra-spec']);
    expect(found.workerTasks().map((t) => t.constructor)).toEqual([Tasks]);
  });

  it('sees only what the modules register: a declared class left out of every module is not found', async () => {
    const found = await declarationsOf(AreaA);
    expect(found.projections().map((p) => p.name)).toEqual(['zebra-spec']);
  });

  it('refuses two declared projections of one name', async () => {
    @Module({ providers: [AardvarkAgain] })
    class AreaC {}
    const found = await declarationsOf(AreaB, AreaC);
    expect(() => found.projections()).toThrow('two declared projections are called aardvark-spec');
  });

  it('lists every class carrying the decorators, for code outside an app', () => {
    expect(declaredProjections().map((p) => p.name)).toEqual(['aardvark-spec', 'aardvark-spec', 'zebra-spec']);
    expect(declaredWorkerTaskClasses()).toEqual([Tasks]);
  });
});
