//! Redis Cluster routing: which node gets a command, the slot map, MOVED/ASK.
//!
//! Written here instead of using the `redis` crate's cluster client: its sync
//! client retries a failed command up to 16 times, sleeping >= 1.28 s between
//! tries, with no overall deadline, resends commands that may already have
//! been delivered, and opens its own connections. Here a command goes through
//! the same per-node pool as a standalone Redis (one persistent connection per
//! node per worker, fork-safe, liveness check, circuit breaker per node
//! address) and one operation is bounded by `timeout + read_timeout` in total:
//! at most one slot map refresh and one redirect, inside that deadline.
//!
//! - The slot of a key or channel is CRC16-XMODEM mod 16384 of its hash tag
//!   (the part between the first `{` and the next `}`, when not empty) or of
//!   the whole name, exactly as Redis computes it.
//! - The slot map comes from `CLUSTER SLOTS` on any reachable node (known
//!   nodes first, then the seeds), is cached per thread (keyed by the seeds
//!   and credentials) and read again when marked stale: after a `MOVED`, or a
//!   connect/I/O failure of a node (a primary that died: its replica will be
//!   promoted). Refreshes of a stale map that found nothing new are at most one
//!   per [`MIN_REFRESH_INTERVAL`].
//! - `MOVED` is followed once (the slot is learned at once); `ASK` once, with
//!   `ASKING` first on the target's connection.
//! - A command that may have been written is never sent again; only a
//!   failure before writing (refused connect, breaker open, owed replies lost)
//!   lets an operation go to another node (the slot's new owner after a
//!   refresh, or, for a plain PUBLISH, any other node: pub/sub is cluster-wide).

use std::cell::RefCell;
use std::time::{Duration, Instant};

use super::config::{Address, Config, Secret, TlsSettings};
use super::connection::Connection;
use super::pool::{self, PrivateSlot};
use super::reply::Reply;
use super::Error;

/// Hash slots of a Redis Cluster.
pub const SLOTS: usize = 16384;

/// A stale map is read again at most this often when reading it changed
/// nothing (a dead primary not promoted yet): a loop of emits during a
/// failover must not turn into a loop of `CLUSTER SLOTS`.
pub const MIN_REFRESH_INTERVAL: Duration = Duration::from_millis(100);

/// CRC16-CCITT (XMODEM): polynomial 0x1021, initial value 0, as Redis' crc16.c.
pub fn crc16(data: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &byte in data {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    crc
}

/// The hash slot of a key or channel, with Redis' hash tag rule: if the name
/// has a `{`, and a `}` after it, and something between them, only that
/// something is hashed.
pub fn hash_slot(key: &[u8]) -> u16 {
    let tag = key.iter().position(|&b| b == b'{').and_then(|open| {
        let after = key.get(open + 1..)?;
        let close = after.iter().position(|&b| b == b'}')?;
        after.get(..close).filter(|tag| !tag.is_empty())
    });
    crc16(tag.unwrap_or(key)) & 0x3FFF
}

/// Whether an error reply is a cluster redirect (not an error of the command).
pub fn is_redirect(message: &str) -> bool {
    message.starts_with("MOVED ") || message.starts_with("ASK ")
}

/// A `MOVED <slot> <host>:<port>` or `ASK <slot> <host>:<port>` reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    pub ask: bool,
    pub slot: u16,
    pub to: Address,
}

/// Parses a redirect; `from`: the node that replied (an empty host means its host).
pub fn parse_redirect(message: &str, from: &Address) -> Option<Redirect> {
    let mut words = message.split(' ');
    let ask = match words.next()? {
        "MOVED" => false,
        "ASK" => true,
        _ => return None,
    };
    let slot: u16 = words.next()?.parse().ok().filter(|s| usize::from(*s) < SLOTS)?;
    let (host, port) = words.next()?.rsplit_once(':')?;
    let port: u16 = port.parse().ok().filter(|p| *p != 0)?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let to = node_address(host, port, from)?;
    Some(Redirect { ask, slot, to })
}

/// A node as the cluster announces it: an empty host means "the address you
/// asked", `?` an unknown endpoint (not usable).
fn node_address(host: &str, port: u16, asked: &Address) -> Option<Address> {
    match host {
        "?" => None,
        "" => match asked {
            Address::Tcp { host, .. } => Some(Address::Tcp { host: host.clone(), port }),
            Address::Unix { .. } => None,
        },
        host => Some(Address::Tcp { host: host.to_owned(), port }),
    }
}

/// Every node a `CLUSTER SLOTS` reply names, primaries and replicas (a
/// client may subscribe on a replica: plain pub/sub is cluster-wide), in order
/// of first appearance.
pub fn all_nodes_of_slots(reply: &Reply, asked: &Address) -> Vec<Address> {
    let mut nodes: Vec<Address> = Vec::new();
    let Reply::Array(Some(ranges)) = reply else { return nodes };
    for range in ranges {
        let Reply::Array(Some(fields)) = range else { continue };
        for node in fields.iter().skip(2) {
            let Reply::Array(Some(node)) = node else { continue };
            let (Some(Reply::Bulk(Some(host))), Some(Reply::Int(port))) = (node.first(), node.get(1)) else { continue };
            let (Ok(host), Some(port)) = (std::str::from_utf8(host), u16::try_from(*port).ok().filter(|p| *p != 0)) else { continue };
            if let Some(address) = node_address(host, port, asked) {
                if !nodes.contains(&address) {
                    nodes.push(address);
                }
            }
        }
    }
    nodes
}

/// Which node serves each slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotMap {
    nodes: Vec<Address>,
    /// Index into `nodes` per slot; [`UNKNOWN`] when no node was announced.
    slots: Vec<u16>,
}

const UNKNOWN: u16 = u16::MAX;

impl Default for SlotMap {
    fn default() -> Self {
        SlotMap {
            nodes: Vec::new(),
            slots: vec![UNKNOWN; SLOTS],
        }
    }
}

impl SlotMap {
    /// A `CLUSTER SLOTS` reply (`asked`: the node that sent it). `None` when
    /// it is not a slot map or assigns no slot.
    pub fn from_cluster_slots(reply: &Reply, asked: &Address) -> Option<SlotMap> {
        let Reply::Array(Some(ranges)) = reply else { return None };
        let mut map = SlotMap::default();
        for range in ranges {
            let Reply::Array(Some(fields)) = range else { return None };
            let (Some(Reply::Int(start)), Some(Reply::Int(end)), Some(Reply::Array(Some(primary)))) = (fields.first(), fields.get(1), fields.get(2)) else {
                return None;
            };
            let (Some(Reply::Bulk(Some(host))), Some(Reply::Int(port))) = (primary.first(), primary.get(1)) else {
                return None;
            };
            let start = usize::try_from(*start).ok().filter(|s| *s < SLOTS)?;
            let end = usize::try_from(*end).ok().filter(|e| *e < SLOTS && *e >= start)?;
            let port = u16::try_from(*port).ok().filter(|p| *p != 0)?;
            let host = std::str::from_utf8(host).ok()?;
            if let Some(node) = node_address(host, port, asked) {
                let index = map.index_of(node);
                for slot in map.slots.get_mut(start..=end)? {
                    *slot = index;
                }
            }
        }
        map.slots.iter().any(|s| *s != UNKNOWN).then_some(map)
    }

    fn index_of(&mut self, node: Address) -> u16 {
        match self.nodes.iter().position(|n| *n == node) {
            Some(i) => u16::try_from(i).unwrap_or(UNKNOWN),
            None => {
                self.nodes.push(node);
                u16::try_from(self.nodes.len() - 1).unwrap_or(UNKNOWN)
            }
        }
    }

    /// The node serving `slot`, if known.
    pub fn owner(&self, slot: u16) -> Option<&Address> {
        let index = *self.slots.get(usize::from(slot))?;
        self.nodes.get(usize::from(index))
    }

    /// What a MOVED reply taught: `slot` is now served by `node`.
    pub fn learn(&mut self, slot: u16, node: Address) {
        let index = self.index_of(node);
        if let Some(entry) = self.slots.get_mut(usize::from(slot)) {
            *entry = index;
        }
    }

    /// The primaries this map knows.
    pub fn nodes(&self) -> &[Address] {
        &self.nodes
    }
}

/// What shares a slot map: the same seeds reached with the same credentials.
#[derive(Clone, PartialEq, Eq, Debug)]
struct ClusterKey {
    seeds: Vec<Address>,
    tls: Option<TlsSettings>,
    username: Option<String>,
    password_hash: Option<u64>,
}

impl ClusterKey {
    fn of(config: &Config) -> ClusterKey {
        ClusterKey {
            seeds: config.cluster_seeds.clone(),
            tls: config.tls.clone(),
            username: config.username.clone(),
            password_hash: config.password.as_ref().map(Secret::fingerprint),
        }
    }
}

struct Cluster {
    key: ClusterKey,
    map: SlotMap,
    /// Read the map again before the next operation.
    stale: bool,
    /// When the map was last read (or a read was tried).
    refreshed_at: Option<Instant>,
}

thread_local! {
    /// This thread's slot maps, with the pid they were made in.
    static CLUSTERS: RefCell<(u32, Vec<Cluster>)> = const { RefCell::new((0, Vec::new())) };
}

/// Most clusters remembered per thread (an application uses one or two).
const CLUSTERS_KEPT: usize = 8;

/// Runs `f` on this thread's state of `config`'s cluster (created empty, stale).
fn with_cluster<R>(config: &Config, f: impl FnOnce(&mut Cluster) -> R) -> Option<R> {
    let key = ClusterKey::of(config);
    CLUSTERS
        .try_with(|clusters| {
            let mut clusters = clusters.borrow_mut();
            let pid = pool::current_pid();
            if clusters.0 != pid {
                clusters.0 = pid;
                clusters.1.clear();
            }
            let list = &mut clusters.1;
            let index = match list.iter().position(|c| c.key == key) {
                Some(i) => i,
                None => {
                    if list.len() >= CLUSTERS_KEPT {
                        list.remove(0);
                    }
                    list.push(Cluster {
                        key,
                        map: SlotMap::default(),
                        stale: true,
                        refreshed_at: None,
                    });
                    list.len() - 1
                }
            };
            list.get_mut(index).map(f)
        })
        .ok()
        .flatten()
}

/// How a command is routed.
#[derive(Clone, Copy, Debug)]
pub struct Route<'a> {
    /// The key or channel that decides the slot.
    pub key: &'a [u8],
    /// Any node will do (a plain PUBLISH: Redis Cluster forwards it to every
    /// node); the slot's owner is still preferred, so one channel always uses
    /// one connection. False: only the owner may run it (SPUBLISH, keys).
    pub any_node: bool,
}

impl<'a> Route<'a> {
    /// A command that must reach the owner of `key`'s slot.
    pub fn key(key: &'a [u8]) -> Route<'a> {
        Route { key, any_node: false }
    }

    /// A plain PUBLISH on `channel`.
    pub fn publish(channel: &'a [u8]) -> Route<'a> {
        Route { key: channel, any_node: true }
    }
}

/// `config` aimed at one node of its cluster.
fn node_config(config: &Config, node: &Address) -> Config {
    Config {
        address: node.clone(),
        cluster_seeds: Vec::new(),
        ..config.clone()
    }
}

/// Runs `op` on the connection to the right node: for a standalone Redis,
/// exactly `pool::run`; for a cluster, the node serving `route`'s slot, with
/// one refresh and one redirect at most, all within one `timeout +
/// read_timeout`. `op` runs twice only when its first run certainly executed
/// nothing (a redirect, or a failure before its command was written).
pub fn run<R>(
    config: &Config,
    private: Option<&PrivateSlot>,
    route: Route<'_>,
    mut op: impl FnMut(&mut Connection) -> Result<R, Error>,
) -> Result<R, Error> {
    if config.cluster_seeds.is_empty() {
        return pool::run(config, private, op);
    }
    let result = pool::within_one_budget(config, || routed(config, private, route, &mut op));
    // Deferred commands answered MOVED (read back by this operation): a slot
    // moved, so the next operation reads the map again.
    if pool::take_deferred_redirects() {
        mark_stale(config);
    }
    result
}

/// The node that serves `key` now (reading the slot map first if it is
/// stale), to group a batch's commands by node. Falls back to the first seed.
pub fn node_of(config: &Config, private: Option<&PrivateSlot>, key: &[u8]) -> Address {
    refresh_if_stale(config, private, None);
    owner(config, hash_slot(key))
}

/// `config` aimed at the node serving `key` now (for a connection of our
/// own, such as a subscriber: SSUBSCRIBE must reach the slot's owner); `config`
/// itself without a cluster.
pub fn config_of_node(config: &Config, private: Option<&PrivateSlot>, key: &[u8]) -> Config {
    if config.cluster_seeds.is_empty() {
        return config.clone();
    }
    node_config(config, &node_of(config, private, key))
}

/// `config` aimed at `node` of its cluster.
pub fn config_for(config: &Config, node: &Address) -> Config {
    node_config(config, node)
}

/// Updates the slot map from a redirect found in a pipeline's result (a
/// batch's command answered MOVED), so resending that command alone goes to
/// the right node. Returns whether `err` was a redirect.
pub fn learn_from(config: &Config, err: &Error) -> bool {
    let Error::Reply { message, .. } = err else { return false };
    if config.cluster_seeds.is_empty() || !is_redirect(message) {
        return false;
    }
    let seed = config.cluster_seeds.first().cloned().unwrap_or_else(|| config.address.clone());
    if let Some(redirect) = parse_redirect(message, &seed) {
        if !redirect.ask {
            with_cluster(config, |c| {
                c.map.learn(redirect.slot, redirect.to);
                c.stale = true;
            });
        }
    }
    true
}

/// Marks the slot map of `config`'s cluster stale (a node failed: a failover
/// may move its slots).
pub fn mark_stale(config: &Config) {
    if !config.cluster_seeds.is_empty() {
        with_cluster(config, |c| c.stale = true);
    }
}

fn owner(config: &Config, slot: u16) -> Address {
    with_cluster(config, |c| c.map.owner(slot).cloned())
        .flatten()
        .or_else(|| config.cluster_seeds.first().cloned())
        .unwrap_or_else(|| config.address.clone())
}

/// A failure that certainly happened before the command was written: the
/// operation may be sent elsewhere.
fn failed_before_writing(err: &Error) -> bool {
    matches!(err, Error::Connect { .. } | Error::Unavailable { .. } | Error::Io { written: false, .. })
}

/// A failure of the node itself (not of the command): the map may be outdated.
fn node_failed(err: &Error) -> bool {
    matches!(err, Error::Connect { .. } | Error::Unavailable { .. } | Error::Io { .. } | Error::Protocol { .. })
}

fn routed<R>(
    config: &Config,
    private: Option<&PrivateSlot>,
    route: Route<'_>,
    op: &mut impl FnMut(&mut Connection) -> Result<R, Error>,
) -> Result<R, Error> {
    let slot = hash_slot(route.key);
    let refreshed = refresh_if_stale(config, private, None);
    let node = owner(config, slot);
    let first = pool::run(&node_config(config, &node), private, &mut *op);
    let err = match first {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    // A redirect: followed once.
    if let Error::Reply { message, .. } = &err {
        let Some(redirect) = parse_redirect(message, &node) else { return Err(err) };
        pool::count(|s| s.cluster_redirects += 1);
        let target = node_config(config, &redirect.to);
        let result = if redirect.ask {
            pool::run(&target, private, |conn| {
                conn.call(&redis::cmd("ASKING"))?;
                op(conn)
            })
        } else {
            with_cluster(config, |c| {
                c.map.learn(redirect.slot, redirect.to.clone());
                // A slot moved: others probably did too (resharding, failover).
                c.stale = true;
            });
            pool::run(&target, private, &mut *op)
        };
        if result.as_ref().err().is_some_and(node_failed) {
            mark_stale(config);
        }
        return result;
    }
    if !node_failed(&err) {
        return Err(err);
    }
    mark_stale(config);
    if !failed_before_writing(&err) {
        // It may have been delivered: never sent again.
        return Err(err);
    }
    // Nothing was written: the slot may have a new owner (failover), or, for
    // a plain PUBLISH, any other node can take it.
    if !refreshed {
        let _ = refresh(config, private, Some(&node));
    }
    let mut next = owner(config, slot);
    if next == node && route.any_node {
        let others: Vec<Address> = with_cluster(config, |c| c.map.nodes().to_vec()).unwrap_or_default();
        if let Some(other) = others.into_iter().chain(config.cluster_seeds.iter().cloned()).find(|n| *n != node) {
            next = other;
        }
    }
    if next == node {
        return Err(err);
    }
    let result = pool::run(&node_config(config, &next), private, &mut *op);
    if result.as_ref().err().is_some_and(node_failed) {
        mark_stale(config);
    }
    result
}

/// Reads the slot map if it is stale (or was never read), unless a read that
/// found nothing new happened less than [`MIN_REFRESH_INTERVAL`] ago. Returns
/// whether a read was made.
fn refresh_if_stale(config: &Config, private: Option<&PrivateSlot>, avoid: Option<&Address>) -> bool {
    let due = with_cluster(config, |c| {
        let never = c.refreshed_at.is_none();
        c.stale && (never || c.refreshed_at.is_some_and(|at| at.elapsed() >= MIN_REFRESH_INTERVAL))
    })
    .unwrap_or(false);
    if due {
        let _ = refresh(config, private, avoid);
    }
    due
}

/// Reads the slot map from the first node that answers: the known primaries
/// (`avoid`, the node that just failed, last), then the seeds.
fn refresh(config: &Config, private: Option<&PrivateSlot>, avoid: Option<&Address>) -> Result<(), Error> {
    let known: Vec<Address> = with_cluster(config, |c| {
        c.refreshed_at = Some(Instant::now());
        c.map.nodes().to_vec()
    })
    .unwrap_or_default();
    let mut candidates: Vec<Address> = Vec::with_capacity(known.len() + config.cluster_seeds.len());
    for node in known.into_iter().chain(config.cluster_seeds.iter().cloned()) {
        if !candidates.contains(&node) && Some(&node) != avoid {
            candidates.push(node);
        }
    }
    candidates.extend(avoid.cloned());
    let cmd = redis::cmd("CLUSTER").arg("SLOTS").clone();
    let mut last = None;
    for node in candidates {
        match pool::run(&node_config(config, &node), private, |conn| conn.call(&cmd)) {
            Ok(reply) => match SlotMap::from_cluster_slots(&reply, &node) {
                Some(map) => {
                    pool::count(|s| s.cluster_refreshes += 1);
                    with_cluster(config, |c| {
                        c.map = map;
                        c.stale = false;
                    });
                    return Ok(());
                }
                None => {
                    last = Some(Error::Protocol {
                        address: node.to_string(),
                        detail: "CLUSTER SLOTS did not return a slot map (is this a Redis Cluster node?)".into(),
                    });
                }
            },
            Err(err) => {
                if matches!(err, Error::Reply { .. } | Error::Rejected { .. }) {
                    // Refused by ACL or not a cluster: the map is then learned from MOVED replies.
                    with_cluster(config, |c| c.stale = false);
                    return Err(err);
                }
                last = Some(err);
            }
        }
    }
    Err(last.unwrap_or_else(|| Error::Config("redis+cluster:// has no seed node".into())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_nodes_of_slots_lists_primaries_and_replicas_once() {
        let node = |h: &str, p: i64| Reply::Array(Some(vec![Reply::Bulk(Some(h.as_bytes().to_vec())), Reply::Int(p), Reply::Bulk(Some(b"id".to_vec()))]));
        let range = |a: i64, b: i64, nodes: Vec<Reply>| Reply::Array(Some([vec![Reply::Int(a), Reply::Int(b)], nodes].concat()));
        let reply = Reply::Array(Some(vec![
            range(0, 100, vec![node("10.0.0.1", 7000), node("10.0.0.2", 7001)]),
            range(101, 200, vec![node("", 7002), node("?", 7003), node("10.0.0.1", 7000)]),
        ]));
        let asked = Address::Tcp { host: "10.0.0.9".into(), port: 7000 };
        let names: Vec<String> = all_nodes_of_slots(&reply, &asked).iter().map(ToString::to_string).collect();
        assert_eq!(names, ["10.0.0.1:7000", "10.0.0.2:7001", "10.0.0.9:7002"]);
        assert!(all_nodes_of_slots(&Reply::Int(1), &asked).is_empty());
    }

    fn tcp(host: &str, port: u16) -> Address {
        Address::Tcp { host: host.into(), port }
    }

    #[test]
    fn crc16_xmodem_test_vector() {
        assert_eq!(crc16(b"123456789"), 0x31C3);
        assert_eq!(crc16(b""), 0);
    }

    #[test]
    fn hash_slots_as_redis_computes_them() {
        // Values from `CLUSTER KEYSLOT` of Redis 7.
        assert_eq!(hash_slot(b"foo"), 12182);
        assert_eq!(hash_slot(b"bar"), 5061);
        assert_eq!(hash_slot(b"123456789"), 0x31C3 & 0x3FFF);
        // Hash tags: only the first {...} with something inside counts.
        assert_eq!(hash_slot(b"{user1000}.following"), hash_slot(b"user1000"));
        assert_eq!(hash_slot(b"{user1000}.followers"), hash_slot(b"user1000"));
        assert_eq!(hash_slot(b"foo{}{bar}"), crc16(b"foo{}{bar}") & 0x3FFF);
        assert_ne!(hash_slot(b"foo{}{bar}"), hash_slot(b"bar"), "an empty first tag means the whole key is hashed");
        assert_eq!(hash_slot(b"foo{{bar}}zap"), hash_slot(b"{bar"));
        assert_eq!(hash_slot(b"foo{bar}{zap}"), hash_slot(b"bar"));
        assert_eq!(hash_slot(b"no closing {brace"), crc16(b"no closing {brace") & 0x3FFF);
        assert_eq!(hash_slot(b"socket.io#/#{room}#"), hash_slot(b"room"));
    }

    #[test]
    fn redirects_parsed() {
        let from = tcp("10.0.0.5", 7000);
        assert_eq!(
            parse_redirect("MOVED 3999 127.0.0.1:6381", &from),
            Some(Redirect { ask: false, slot: 3999, to: tcp("127.0.0.1", 6381) })
        );
        assert_eq!(
            parse_redirect("ASK 12 node-b.example:7001", &from),
            Some(Redirect { ask: true, slot: 12, to: tcp("node-b.example", 7001) })
        );
        // An empty host: the host of the node that replied.
        assert_eq!(parse_redirect("MOVED 1 :7002", &from).map(|r| r.to), Some(tcp("10.0.0.5", 7002)));
        assert_eq!(parse_redirect("MOVED 1 ::1:7002", &from).map(|r| r.to), Some(tcp("::1", 7002)));
        assert_eq!(parse_redirect("MOVED 1 ?:7002", &from), None);
        for bad in ["MOVED", "MOVED 16384 h:1", "MOVED x h:1", "MOVED 1 h", "MOVED 1 h:0", "ERR nope", "NOPERM x"] {
            assert_eq!(parse_redirect(bad, &from), None, "{bad}");
        }
        assert!(is_redirect("MOVED 1 h:2") && is_redirect("ASK 1 h:2") && !is_redirect("MOVEDX"));
    }

    fn bulk(s: &str) -> Reply {
        Reply::Bulk(Some(s.as_bytes().to_vec()))
    }

    fn range(start: i64, end: i64, host: &str, port: i64) -> Reply {
        Reply::Array(Some(vec![
            Reply::Int(start),
            Reply::Int(end),
            Reply::Array(Some(vec![bulk(host), Reply::Int(port), bulk("id1"), Reply::Array(Some(vec![]))])),
            Reply::Array(Some(vec![bulk(host), Reply::Int(port + 3), bulk("id2")])),
        ]))
    }

    #[test]
    fn slot_map_from_cluster_slots() {
        let asked = tcp("10.1.1.1", 7000);
        let reply = Reply::Array(Some(vec![range(0, 5460, "127.0.0.1", 7000), range(5461, 10922, "", 7001), range(10923, 16383, "?", 7002)]));
        let mut map = SlotMap::from_cluster_slots(&reply, &asked).unwrap();
        assert_eq!(map.owner(0), Some(&tcp("127.0.0.1", 7000)));
        assert_eq!(map.owner(5460), Some(&tcp("127.0.0.1", 7000)));
        assert_eq!(map.owner(5461), Some(&tcp("10.1.1.1", 7001)));
        assert_eq!(map.owner(16383), None, "an unknown endpoint is not used");
        assert_eq!(map.nodes().len(), 2);
        map.learn(16383, tcp("127.0.0.1", 7000));
        assert_eq!(map.owner(16383), Some(&tcp("127.0.0.1", 7000)));
        assert_eq!(map.nodes().len(), 2);
        // Not a map: refused rather than half-used.
        for bad in [
            Reply::Int(1),
            Reply::Array(Some(vec![])),
            Reply::Array(Some(vec![range(10, 5, "h", 1)])),
            Reply::Array(Some(vec![range(0, 16384, "h", 1)])),
            Reply::Array(Some(vec![Reply::Array(Some(vec![Reply::Int(0)]))])),
        ] {
            assert_eq!(SlotMap::from_cluster_slots(&bad, &asked), None, "{bad:?}");
        }
    }

    #[test]
    fn routes_and_cache_per_cluster() {
        let mut config = crate::core::config::parse_dsn("redis+cluster://127.0.0.1:11,127.0.0.1:12").unwrap();
        config.connect_timeout = Duration::from_millis(100);
        config.io_timeout = Duration::from_millis(100);
        // Nothing listens: the seed is the fallback, and the operation fails
        // fast with the connect error, never hangs.
        assert_eq!(owner(&config, 5), tcp("127.0.0.1", 11));
        let started = Instant::now();
        let err = run(&config, None, Route::publish(b"ch"), |c| c.call(&redis::cmd("PING"))).unwrap_err();
        assert!(started.elapsed() < Duration::from_millis(400), "{:?}", started.elapsed());
        assert!(matches!(err, Error::Connect { .. } | Error::Unavailable { .. }), "{err}");
        // A MOVED seen in a batch is learned.
        assert!(learn_from(&config, &Error::Reply { address: "x".into(), message: "MOVED 5 127.0.0.1:9".into() }));
        assert_eq!(owner(&config, 5), tcp("127.0.0.1", 9));
        assert!(!learn_from(&config, &Error::Reply { address: "x".into(), message: "ERR x".into() }));
    }
}
