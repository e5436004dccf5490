export { DockingModule } from './docking.module';
export { DockingSessionsService } from './docking-sessions.service';
export { DockingSlaJob } from './docking-sla.job';
export type { SlaRound } from './docking-sla.job';
export { DockingSession } from './docking-session.entity';
export type { DockingSuggestion } from './docking-session.entity';
export { DockingEvent } from './docking-event.entity';
export type { DockingSessionView, DockingEventView } from './docking-session.view';
export {
  dockingMove,
  DOCKING_MOVES,
  FINAL_DOCKING_STATUSES,
  OPEN_DOCKING_STATUSES,
} from './docking-workflow';
export type { DockingParty, DockingInitiator } from './docking-workflow';
export { addWorkingDays } from './working-days';
export type { WorkCalendar } from './working-days';
export { RealtimeIoAdapter } from './realtime-io.adapter';
export { CHAT_NAMESPACE } from './chat-events';
export type {
  ChatAck,
  ChatClientEvents,
  ChatError,
  ChatReadEvent,
  ChatServerEvents,
  ChatTypingEvent,
  JoinedChat,
} from './chat-events';
export type { ChatHistoryView, ChatMessageView, ChatReadView } from './chat-message.view';
export { SocketRealtimePush } from './socket-realtime-push';
export { RealtimeRedis } from './realtime-redis';
