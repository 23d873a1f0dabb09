/**
 * The people and systems of the simulated contact center, the same in every file: customers, the
 * UCCX chat and voice agents, the ECE agents with their CCE ids, and the Finesse voice agents the
 * CTI server also reports. Everything is derived from the seed, so two writers that render the same
 * agent print the same ids.
 */
import { Rng } from './prng';

const FIRST = [
  'Meera',
  'Rahul',
  'Anita',
  'Kiran',
  'Nisha',
  'Arjun',
  'Priya',
  'Vikram',
  'Deepa',
  'Suresh',
  'Lakshmi',
  'Rohan',
  'Kavya',
  'Aditya',
  'Sneha',
  'Manoj',
  'Divya',
  'Ravi',
  'Pooja',
  'Sanjay',
  'Asha',
  'Gopal',
  'Neha',
  'Amit',
  'Farah',
  'Imran',
  'Leela',
  'Naveen',
  'Tara',
  'Vivek',
  'Zoya',
  'Harish',
  'Ishaan',
  'Jaya',
  'Kunal',
  'Maya',
];
const LAST = [
  'Iyer',
  'Menon',
  'Das',
  'Rao',
  'Pillai',
  'Nair',
  'Sharma',
  'Gupta',
  'Reddy',
  'Kumar',
  'Shah',
  'Patel',
  'Bose',
  'Sen',
  'Joshi',
  'Kapoor',
  'Mehta',
  'Verma',
  'Chopra',
  'Malhotra',
  'Bhat',
  'Hegde',
  'Kulkarni',
  'Naidu',
];
const DETAILS = [
  'Duplicate charge on July bill',
  'Card blocked after travel',
  'Loan statement missing',
  'Change of address',
  'Reward points not credited',
  'Unable to log in to net banking',
  'Cheque book request',
  'EMI date change',
  'Dispute a transaction',
  'Credit limit increase',
  'Lost card',
  'Fixed deposit renewal',
];

export interface Customer {
  name: string;
  email: string;
  account: string;
  phone: string;
  title: string;
  details: string;
}

export interface UccxAgent {
  /** Resource id as UCCX prints it (`Rsrc=`, `Agent [...]`). */
  id: string;
}

export interface EceAgent {
  index: number;
  /** CCE SkillTargetID (`ICMAgentID`). */
  icmAgentId: number;
  /** ECE user id (`UID:`, `AgentInfo`). */
  userId: number;
  /** Peripheral number (`Periph#`, rttest `periph#`). */
  periph: number;
  loginName: string;
  enterpriseName: string;
  extension: number;
  maxTasks: number;
  /** opc `AgentObj=0x...` */
  agentObj: string;
}

export interface VoiceAgent {
  icmAgentId: number;
  periph: number;
  agentId: number;
  agentObj: string;
}

export const SYSTEM_A = {
  /** SocialMiner host; its IPv4 in hex ends every contact id. */
  smIp: '10.48.22.71',
  smIpHex: '0A301647',
  /** The SocialMiner runtime's start time in ms, the middle part of every contact id. */
  smEpochHex: '01650D5B1A00',
  widgets: [
    { id: 1, name: 'Bubble_Care' },
    { id: 2, name: 'Bubble_Sales' },
    { id: 3, name: 'Bubble_Loans' },
  ],
  csqs: [
    { problem: 'Billing', tag: 'Chat_Billing' },
    { problem: 'Cards', tag: 'Chat_Cards' },
    { problem: 'Loans', tag: 'Chat_Loans' },
    { problem: 'General', tag: 'Chat_General' },
  ],
};

export const SYSTEM_B = {
  mrdId: 5000,
  peripheralId: 5000,
  appPathId: 5001,
  ctiSession: 6,
  sgStid: 6928,
  sgNumber: 70518,
  defaultSgStid: 6909,
  defaultSgNumber: 54839,
};

export class World {
  readonly uccxAgents: UccxAgent[];
  readonly eceAgents: EceAgent[];
  readonly voiceAgents: VoiceAgent[];
  private readonly rng: Rng;

  constructor(
    readonly seed: string,
    counts: { uccxAgents: number; eceAgents: number; voiceAgents: number },
  ) {
    this.rng = new Rng(seed, 'world');
    const usedNames = new Set<string>();
    this.uccxAgents = [];
    for (let i = 0; i < counts.uccxAgents; i++) {
      let id: string;
      do id = `${this.rng.pick(FIRST).toLowerCase()}.${this.rng.pick(LAST).toLowerCase()}${this.rng.range(1, 99)}`;
      while (usedNames.has(id));
      usedNames.add(id);
      this.uccxAgents.push({ id });
    }
    const usedIds = new Set<number>();
    const uniqueId = (lo: number, hi: number): number => {
      let v: number;
      do v = this.rng.range(lo, hi);
      while (usedIds.has(v));
      usedIds.add(v);
      return v;
    };
    this.eceAgents = [];
    for (let i = 0; i < counts.eceAgents; i++) {
      const first = this.rng.pick(FIRST);
      const last = this.rng.pick(LAST);
      this.eceAgents.push({
        index: i,
        icmAgentId: uniqueId(5100, 9899),
        userId: 1001 + i * 2,
        periph: 15001 + i,
        loginName: `${first[0].toLowerCase()}${last.toLowerCase()}${i}`,
        enterpriseName: `CUCM.${first}_${last}`,
        extension: 20001 + i,
        maxTasks: this.rng.chance(0.7) ? 2 : 3,
        agentObj: `0x${(0x4450000 + i * 0x1c8).toString(16)}`,
      });
    }
    this.voiceAgents = [];
    for (let i = 0; i < counts.voiceAgents; i++) {
      this.voiceAgents.push({
        icmAgentId: uniqueId(10000, 19999),
        periph: 16001 + i,
        agentId: 21001 + i,
        agentObj: `0x${(0x4a00000 + i * 0x1c8).toString(16)}`,
      });
    }
  }

  static contactId(rng: Rng): string {
    return `${rng.hex(8)}1000${SYSTEM_A.smEpochHex}${SYSTEM_A.smIpHex}`;
  }

  static customer(rng: Rng): Customer {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    return {
      name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`,
      account: `xxxx${rng.range(1000, 9999)}`,
      phone: `9${rng.int(10)}xxxxxx${rng.range(10, 99)}`,
      title: rng.chance(0.5) ? 'Ms.' : 'Mr.',
      details: rng.pick(DETAILS),
    };
  }

  static guid(rng: Rng): string {
    const h = rng.hex(32).toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[rng.int(4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
