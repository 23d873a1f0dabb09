/**
 * The flows' part of a timeline: for the chat or agent a timeline shows, its flow steps with the
 * indexes of the page's events that mark them, so the panel draws steps on their events and missing
 * or failed steps as labelled gaps. Registered with the timeline at startup (`setFlowProvider`).
 */
import type { FlowProvider } from '../timeline/timeline';
import type { FlowService } from './service';

export function flowProviderFor(service: FlowService): FlowProvider {
  return (entity, events) => {
    let subject;
    for (const n of entity.names) if ((subject = service.subject(n.key))) break;
    if (!subject) return [];
    const at = new Map<string, number[]>();
    events.forEach((e, i) => {
      for (const line of new Set([e.line, e.recordLine])) {
        const k = `${e.uri}#${line}`;
        const l = at.get(k);
        if (l) l.push(i);
        else at.set(k, [i]);
      }
    });
    return subject.flows.map((f) => ({
      flowId: f.flowId,
      title: f.title,
      steps: f.steps.map((st) => {
        const idx = new Set<number>();
        for (const l of st.lines) for (const i of at.get(`${l.uri}#${l.line}`) ?? []) idx.add(i);
        return {
          stepId: st.stepId,
          title: `${st.number}. ${st.title}`,
          state: st.state,
          eventIndexes: [...idx].sort((a, b) => a - b),
          ...(st.instant ? { instant: st.instant } : {}),
          ...(st.hint ? { hint: st.meaning ? `${st.meaning}. ${st.hint}` : st.hint } : {}),
        };
      }),
      ...(f.firstBroken ? { firstBrokenStepId: f.firstBroken.stepId } : {}),
    }));
  };
}
