// Chains as the API sends them: codes and keys, never display text.
import type { ChainLinkRow, ChainRow } from './repository.ts';

export const presentLink = (link: ChainLinkRow) => ({
  key: link.key,
  name: link.name,
  segment: link.segment,
  parent: link.parentKey,
  keywords: link.keywords,
  products: link.products,
});

export function presentChainSummary(chain: ChainRow & { unitName: string }, links: number, seenFrom: string) {
  return {
    id: chain.id,
    unitCode: chain.unitCode,
    unitName: chain.unitName,
    name: chain.name,
    description: chain.description,
    adoptedFrom: chain.adoptedFrom,
    inherited: chain.unitPath !== seenFrom,
    links,
    version: chain.version,
    updatedAt: chain.updatedAt.toISOString(),
  };
}

export function presentChain(chain: ChainRow & { unitName: string; links: ChainLinkRow[] }, seenFrom: string) {
  return { ...presentChainSummary(chain, chain.links.length, seenFrom), links: chain.links.map(presentLink) };
}
