import { parseHttpUrl } from '../../spec/url-rule.js';
import type { DomainContext } from './context.js';
import { DomainError, notFound } from './errors.js';
import { maxAgentsOf } from './limits.js';
import { CORRUPT_VOICE_SAMPLE_SUFFIX } from './magic-numbers.js';
import type { AgentRecord } from './spaces.js';
import { TimerOwners } from './timer-owners.js';
import { TIMINGS } from './timings.js';
import type {
  Agent,
  CreateAgentRequest,
  Page,
  PageRequest,
  Persona,
  PersonaRequest,
  UpdateAgentRequest,
  VoiceInput,
} from './types.js';

const DEFAULT_VOICE: VoiceInput = { type: 'stock', stockVoice: 'alloy' };
const DEFAULT_MAX_CALL_SECONDS = 600;

/** AI voice agents, their one persona each, and voice cloning on the mock's clock. */
export class AgentBook {
  #ctx: DomainContext;
  // One owner for an agent's clone timer, so a new voice cancels it.
  readonly #owners = new TimerOwners<AgentRecord>();
  readonly maxAgents: number;

  constructor(ctx: DomainContext, options: { maxAgents?: number } = {}) {
    this.#ctx = ctx;
    this.maxAgents = maxAgentsOf(options.maxAgents);
  }

  create(userId: string, input: CreateAgentRequest): Agent {
    const agents = this.#ctx.spaces.of(userId).agents;
    if (agents.size >= this.maxAgents) {
      throw new DomainError(
        'conflict',
        'too_many_agents',
        `This account already has ${agents.size} agents, the most the mock keeps per user ` +
          `(${this.maxAgents}); agents are never deleted, so reset the mock or raise --max-agents.`,
      );
    }
    const at = this.#ctx.clock.iso();
    const record: AgentRecord = {
      id: this.#ctx.gen.id('agt'),
      persona: undefined,
      sampleUrls: [],
      agent: undefined as unknown as Agent,
    };
    record.agent = {
      id: record.id,
      name: input.name,
      language: input.language ?? 'en-US',
      greeting: input.greeting ?? `Hello, this is ${input.name}. How can I help?`,
      maxCallDurationSeconds: input.maxCallDurationSeconds ?? DEFAULT_MAX_CALL_SECONDS,
      voice: this.#voice(record, input.voice ?? DEFAULT_VOICE),
      hasPersona: false,
      createdAt: at,
      updatedAt: at,
    };
    agents.add(record);
    return record.agent;
  }

  /** The agent, or a 404 for an id this user does not own. */
  require(userId: string, agentId: string): Agent {
    return this.#record(userId, agentId).agent;
  }

  find(userId: string, agentId: string): Agent | undefined {
    return this.#ctx.spaces.of(userId).agents.get(agentId)?.agent;
  }

  list(userId: string, request: PageRequest): Page<Agent> {
    const page = this.#ctx.spaces.of(userId).agents.page(request);
    return { data: page.data.map((r) => r.agent), nextCursor: page.nextCursor };
  }

  /** Changes the fields given; a new voice starts over (a clone is processing again). */
  update(userId: string, agentId: string, input: UpdateAgentRequest): Agent {
    const record = this.#record(userId, agentId);
    const { voice, ...fields } = input;
    Object.assign(record.agent, fields);
    if (voice) record.agent.voice = this.#voice(record, voice);
    record.agent.updatedAt = this.#ctx.clock.iso();
    return record.agent;
  }

  /** Creates the persona or replaces it; `created` tells which. */
  upsertPersona(
    userId: string,
    agentId: string,
    input: PersonaRequest,
  ): { persona: Persona; created: boolean } {
    const record = this.#record(userId, agentId);
    const at = this.#ctx.clock.iso();
    const previous = record.persona;
    record.persona = {
      id: previous?.id ?? this.#ctx.gen.id('prs'),
      agentId,
      name: input.name ?? null,
      instructions: input.instructions,
      tone: input.tone ?? 'friendly',
      traits: input.traits ?? [],
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
    };
    record.agent.hasPersona = true;
    record.agent.updatedAt = at;
    return { persona: record.persona, created: previous === undefined };
  }

  getPersona(userId: string, agentId: string): Persona {
    const record = this.#record(userId, agentId);
    if (!record.persona) throw notFound('persona', `for agent ${agentId}`);
    return record.persona;
  }

  /** Re-arms cloning of a voice still processing (after a state import). */
  resume(record: AgentRecord): void {
    if (record.agent.voice.status === 'processing') this.#scheduleCloning(record);
  }

  #record(userId: string, agentId: string): AgentRecord {
    const record = this.#ctx.spaces.of(userId).agents.get(agentId);
    if (!record) throw notFound('agent', agentId);
    return record;
  }

  #voice(record: AgentRecord, input: VoiceInput): Agent['voice'] {
    // A new voice makes the clone still processing moot.
    this.#owners.cancel(record, this.#ctx.clock);
    if (input.type === 'stock') {
      record.sampleUrls = [];
      const id = `voc_stock_${input.stockVoice}`;
      return {
        id,
        type: 'stock',
        status: 'ready',
        stockVoice: input.stockVoice,
        sampleCount: 0,
        failureReason: null,
      };
    }
    record.sampleUrls = [...input.sampleUrls];
    const id = this.#ctx.gen.id('voc');
    this.#scheduleCloning(record);
    return {
      id,
      type: 'clone',
      status: 'processing',
      stockVoice: null,
      sampleCount: input.sampleUrls.length,
      failureReason: null,
    };
  }

  // A clone's timer: one that throws fails the clone with the reason.
  #scheduleCloning(record: AgentRecord): void {
    const fail = (reason: string) => {
      const voice = record.agent.voice;
      if (voice.status !== 'processing') return;
      voice.status = 'failed';
      voice.failureReason = reason;
      record.agent.updatedAt = this.#ctx.clock.iso();
    };
    this.#ctx.clock.after(
      TIMINGS.voiceCloning,
      () => {
        const voice = record.agent.voice;
        if (voice.status !== 'processing') return;
        const reason = sampleFailure(record.sampleUrls);
        if (reason) return fail(reason);
        voice.status = 'ready';
        voice.failureReason = null;
        record.agent.updatedAt = this.#ctx.clock.iso();
      },
      this.#owners.of(record, () => ({ what: `voice cloning of ${record.id}`, failed: fail })),
    );
  }
}

// Why the samples make no voice, or undefined when they do (magic-numbers.ts: a corrupt sample).
function sampleFailure(sampleUrls: readonly string[]): string | undefined {
  for (const sample of sampleUrls) {
    const parsed = parseHttpUrl(sample);
    if (!parsed.ok) return `The sample ${sample} cannot be fetched: it ${parsed.reason}.`;
    if (parsed.url.pathname.endsWith(CORRUPT_VOICE_SAMPLE_SUFFIX))
      return `The sample ${sample} could not be decoded as audio.`;
  }
  return undefined;
}
