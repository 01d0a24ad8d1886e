// Localized names of enum values and topics.
import type { DeploymentModel, Origin, Position, Side, TopicKind } from './bindings';
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
