// Localized names of enum values and topics.
import type { Allocation, DeploymentModel, Found, Gap, Origin, Perspective, Position, Severity, Side, TopicKind } from './bindings';
import { pick, t } from './i18n';
import { state } from './state';

export const KINDS: TopicKind[] = ['security', 'pi', 'risk', 'general'];
export const MODELS: DeploymentModel[] = ['iaas', 'paas', 'saas'];
export const POSITIONS: Position[] = ['preferred', 'fallback', 'provider_form'];
export const SIDES: Side[] = ['customer', 'provider', 'neutral'];

export const kindLabel = (k: TopicKind) => t(`kind.${k}`);
export const modelLabel = (m: DeploymentModel) => ({ iaas: 'IaaS', paas: 'PaaS', saas: 'SaaS' })[m];
export const positionLabel = (p: Position) => t(`position.${p}`);
export const positionHint = (p: Position) => t(`position.${p}.hint`);
export const sideLabel = (s: Side) => t(`side.${s}`);
export const originLabel = (o: Origin) => t(`origin.${o}`);

export function topicName(id: string): string {
  const topic = state.topicById.get(id);
  return topic ? pick(topic.name) : id;
}

// ---------- review screen ----------

export const PERSPECTIVES: Perspective[] = ['customer', 'provider'];

export const perspectiveLabel = (p: Perspective) => t(`perspective.${p}`);
export const allocationLabel = (a: Allocation) => t(`alloc.${a}`);
export const foundLabel = (f: Found) => t(`found.${f}`);
export const gapLabel = (g: Gap | null) => t(g === null ? 'gap.none' : `gap.${g}`);
export const severityLabel = (s: Severity) => t(`severity.${s}`);

/** Whether the model default is the standard's own (IaaS) or derived from its principles. */
export function isStandardSource(source: string): boolean {
  return source.trim().toUpperCase().startsWith('YD/T');
}
