/**
 * ARM messages as the ECE listener's ARMLogger prints them: the message bytes as signed Java
 * bytes separated by spaces, big-endian, an 8-byte header (body length, message type) and then the
 * fields in the layouts the decoder knows (MEDIA_LOGIN_REQ/RESP, MAKE_AGENT_ROUTABLE_IND,
 * MAKE_AGENT_READY_IND, HEARTBEAT_REQ/CONF).
 */

export const ARM_TYPES = {
  HEARTBEAT_REQ: 5,
  HEARTBEAT_CONF: 6,
  MEDIA_LOGIN_REQ: 151,
  MEDIA_LOGIN_RESP: 152,
  MAKE_AGENT_ROUTABLE_IND: 154,
  MAKE_AGENT_READY_IND: 157,
} as const;

class Bytes {
  readonly out: number[] = [];
  u32(v: number): this {
    this.out.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
    return this;
  }
  u16(v: number): this {
    this.out.push((v >>> 8) & 255, v & 255);
    return this;
  }
  /** Floating field with a one-byte tag and length, as the listener's dumps show them. */
  floatingString(tag: number, value: string): this {
    this.out.push(tag, value.length + 1);
    for (let i = 0; i < value.length; i++) this.out.push(value.charCodeAt(i) & 255);
    this.out.push(0);
    return this;
  }
}

function message(type: number, body: Bytes): string {
  const all = new Bytes().u32(body.out.length).u32(type).out.concat(body.out);
  return all.map((b) => (b > 127 ? b - 256 : b)).join(' ');
}

export function heartbeat(type: 5 | 6, invokeId: number): string {
  return message(type, new Bytes().u32(invokeId));
}

export function mediaLoginReq(
  invokeId: number,
  mrdId: number,
  icmAgentId: number,
  maxTasks: number,
  agentInfo: string,
): string {
  return message(
    ARM_TYPES.MEDIA_LOGIN_REQ,
    new Bytes().u32(invokeId).u32(mrdId).u32(icmAgentId).u16(0).u16(0).u32(maxTasks).floatingString(107, agentInfo),
  );
}

export function mediaLoginResp(invokeId: number, status: number): string {
  return message(ARM_TYPES.MEDIA_LOGIN_RESP, new Bytes().u32(invokeId).u32(status));
}

export function makeAgentRoutable(invokeId: number, mrdId: number, icmAgentId: number, maxTasks: number): string {
  return message(ARM_TYPES.MAKE_AGENT_ROUTABLE_IND, new Bytes().u32(invokeId).u32(mrdId).u32(icmAgentId).u32(maxTasks));
}

export function makeAgentReady(invokeId: number, mrdId: number, icmAgentId: number, makeRoutable: boolean): string {
  return message(
    ARM_TYPES.MAKE_AGENT_READY_IND,
    new Bytes()
      .u32(invokeId)
      .u32(mrdId)
      .u32(icmAgentId)
      .u16(makeRoutable ? 1 : 0),
  );
}
