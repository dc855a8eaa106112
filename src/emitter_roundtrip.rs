//! Round trips of `SocketIO\Emitter`: `serverCount()`, `fetchSockets()`,
//! `emitWithAck()` (wire rules in `core::roundtrip`).
//!
//! The answers are read on a connection of their own in subscribe mode (never
//! the pooled one, which must stay usable for commands), subscribed and
//! confirmed before the request is published, and closed after the call: no
//! subscription and no connection outlive it.

use std::time::{Duration, Instant};

use ext_php_rs::boxed::ZBox;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};

use super::{encode_error, Emitter};
use crate::binary::BinaryValue;
use crate::core::cluster::{self, Route};
use crate::core::config::{Adapter, Config};
use crate::core::connection::{Connection, Outgoing, Verb};
use crate::core::pool;
use crate::core::protocol::{request_channel, EventArgs};
use crate::core::reply::Reply;
use crate::core::roundtrip::{self, Collector, Kind, Value};
use crate::core::sharded::{self, Message};
use crate::core::Error;
use crate::errors::{EmitterError, EmitterResult};

/// `timeout()` when never called.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// Longest `timeout()` accepted (a PHP request waiting longer is a bug).
const MAX_TIMEOUT_SECS: f64 = 3600.0;

/// What `timeout()` accepts: finite, above 0, at most an hour.
pub(crate) fn parse_timeout(seconds: f64) -> Result<Duration, EmitterError> {
    if !seconds.is_finite() || seconds <= 0.0 || seconds > MAX_TIMEOUT_SECS {
        return Err(EmitterError::Invalid(format!(
            "SocketIO\\Emitter::timeout(): Argument #1 ($seconds) must be a number of seconds above 0 and at most {MAX_TIMEOUT_SECS}, {seconds} given"
        )));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// Where a round trip of this emitter goes and comes back.
struct Channels {
    /// Where requests go (and whose subscribers are the servers).
    request: String,
    /// Where the answers come.
    responses: Vec<String>,
    /// Sharded pub/sub (SPUBLISH, SSUBSCRIBE, SHARDNUMSUB).
    sharded: bool,
}

/// The count of a `PUBSUB NUMSUB|SHARDNUMSUB channel` reply: `[channel, n]`.
fn numsub_count(conn: &Connection, reply: Reply) -> Result<u64, Error> {
    if let Reply::Array(Some(items)) = &reply {
        if let [_, Reply::Int(n)] = items.as_slice() {
            return Ok(n.unsigned_abs());
        }
    }
    Err(Error::Protocol {
        address: conn.address().to_owned(),
        detail: format!("PUBSUB NUMSUB was answered with {} instead of [channel, count]", reply.kind()),
    })
}

fn numsub(conn: &mut Connection, channel: &str, sharded: bool) -> Result<u64, Error> {
    let reply = conn.call(redis::cmd("PUBSUB").arg(if sharded { "SHARDNUMSUB" } else { "NUMSUB" }).arg(channel))?;
    numsub_count(conn, reply)
}

/// A value the servers sent, as PHP sees it: maps are arrays, bins `SocketIO\Binary`.
fn to_zval(value: &Value) -> PhpResult<Zval> {
    let mut zv = Zval::new();
    match value {
        Value::Null => zv.set_null(),
        Value::Bool(b) => zv.set_bool(*b),
        Value::Int(i) => zv.set_long(*i),
        Value::Float(f) => zv.set_double(*f),
        Value::Str(s) => zv.set_string(s, false)?,
        Value::Bin(bytes) => return Ok(BinaryValue::new(bytes.clone()).into_zval(false)?),
        Value::List(items) => zv.set_hashtable(list(items)?),
        Value::Map(entries) => {
            let mut table = ZendHashTable::with_capacity(u32::try_from(entries.len()).unwrap_or(u32::MAX));
            for (key, item) in entries {
                table.insert(key.as_str(), to_zval(item)?)?;
            }
            zv.set_hashtable(table);
        }
    }
    Ok(zv)
}

fn list(items: &[Value]) -> PhpResult<ZBox<ZendHashTable>> {
    let mut table = ZendHashTable::with_capacity(u32::try_from(items.len()).unwrap_or(u32::MAX));
    for item in items {
        table.push(to_zval(item)?)?;
    }
    Ok(table)
}

impl Emitter {
    /// Where requests go and answers come from; the streams adapter's
    /// servers are not asked (refused with a clear exception).
    fn channels(&self) -> EmitterResult<Channels> {
        let nsp = &self.target.nsp;
        let prefix = &self.config.prefix;
        Ok(match self.config.adapter {
            Adapter::Streams => {
                return Err(EmitterError::Invalid(
                    "serverCount(), fetchSockets() and emitWithAck() are not supported with the streams adapter ('adapter' => 'streams'): \
                     use the classic or sharded adapter for round trips"
                        .into(),
                ))
            }
            Adapter::Classic => Channels {
                request: request_channel(prefix, nsp),
                responses: roundtrip::classic_response_channels(prefix, nsp).into(),
                sharded: false,
            },
            Adapter::Sharded(_) => Channels {
                request: roundtrip::sharded_request_channel(prefix, nsp),
                responses: vec![roundtrip::sharded_response_channel(prefix, nsp)],
                sharded: true,
            },
        })
    }

    /// Subscribers of the request channel: the Socket.IO servers serving this
    /// namespace. On a Redis Cluster, plain subscriptions are per node (summed
    /// over every node, replicas included); sharded ones live on the channel's
    /// slot owner.
    fn count_servers(&self, channels: &Channels) -> Result<u64, Error> {
        if self.config.cluster_seeds.is_empty() || channels.sharded {
            let route = if channels.sharded { Route::key(channels.request.as_bytes()) } else { Route::publish(channels.request.as_bytes()) };
            return self.run_redis(route, |conn| numsub(conn, &channels.request, channels.sharded));
        }
        // Plain subscriptions are per node, and a client may hold them on a
        // replica: every node of CLUSTER SLOTS is asked, those that fail skipped.
        let private = self.private.as_deref();
        let asked = cluster::node_of(&self.config, private, channels.request.as_bytes());
        let slots = pool::run(&cluster::config_for(&self.config, &asked), private, |conn| conn.call(redis::cmd("CLUSTER").arg("SLOTS")))?;
        let mut nodes = cluster::all_nodes_of_slots(&slots, &asked);
        if nodes.is_empty() {
            nodes.push(asked);
        }
        let mut total = 0;
        let mut first_error = None;
        let mut answered = false;
        for node in nodes {
            match pool::run(&cluster::config_for(&self.config, &node), private, |conn| numsub(conn, &channels.request, false)) {
                Ok(n) => {
                    total += n;
                    answered = true;
                }
                Err(err) => {
                    first_error.get_or_insert(err);
                }
            }
        }
        match first_error {
            Some(err) if !answered => Err(err),
            _ => Ok(total),
        }
    }

    /// The node the answers arrive on: the master (Sentinel), the owner of
    /// the response channel's slot (Cluster: SSUBSCRIBE needs it; a plain
    /// SUBSCRIBE works on any node), else the one Redis.
    fn subscriber_config(&self, channel: &str) -> Result<Config, Error> {
        match &self.config.sentinel {
            Some(sentinel) => crate::core::sentinel::master_config_now(&self.config, sentinel),
            None => Ok(cluster::config_of_node(&self.config, self.private.as_deref(), channel.as_bytes())),
        }
    }

    /// Opens the answers' connection and subscribes, confirmed, before `deadline`.
    fn subscribe(&self, channels: &Channels, deadline: Instant) -> Result<Connection, Error> {
        let first = channels.responses.first().map(String::as_str).unwrap_or_default();
        let config = self.subscriber_config(first)?;
        let mut conn = Connection::open(&config, (Instant::now() + config.connect_timeout).min(deadline))?;
        conn.set_deadline((Instant::now() + config.io_timeout).min(deadline));
        let names: Vec<&str> = channels.responses.iter().map(String::as_str).collect();
        if let Err(err) = conn.subscribe(if channels.sharded { "SSUBSCRIBE" } else { "SUBSCRIBE" }, &names) {
            // A MOVED (the slot moved) or a failed node: read the map again next time.
            cluster::mark_stale(&self.config);
            return Err(err);
        }
        Ok(conn)
    }

    /// `serverCount()`.
    pub(crate) fn server_count_now(&self) -> PhpResult<Option<i64>> {
        let channels = self.channels()?;
        let deadline = Instant::now() + self.round_trip;
        let result = pool::within_deadline(deadline, || pool::within_one_budget(&self.config, || self.count_servers(&channels)));
        Ok(self.apply_on_error(result)?.map(|n| i64::try_from(n).unwrap_or(i64::MAX)))
    }

    /// `fetchSockets()` (`event` `None`) or `emitWithAck(event, ...args)`:
    /// the request is encoded first (bad input throws before Redis is
    /// touched), then the servers are counted, the answers' channel
    /// subscribed, the request published and the answers collected until
    /// every server (and every announced ack) answered, or the deadline.
    pub(crate) fn ask<A: EventArgs + ?Sized>(&self, event: Option<(&str, &A)>) -> PhpResult<Option<ZBox<ZendHashTable>>> {
        let started = Instant::now();
        let deadline = started + self.round_trip;
        let kind = if event.is_some() { Kind::EmitWithAck } else { Kind::FetchSockets };
        let request_id = roundtrip::request_id().map_err(EmitterError::Invalid)?;
        let channels = self.channels()?;
        let mut payload = Vec::new();
        let encoded = match (self.config.adapter, event) {
            // Refused by channels() above already.
            (Adapter::Streams, _) => return Err(EmitterError::Invalid("round trips are not supported with the streams adapter".into()).into()),
            (Adapter::Classic, None) => {
                payload = roundtrip::classic_fetch_request(&self.target, &request_id);
                Ok(())
            }
            (Adapter::Classic, Some((event, args))) => roundtrip::classic_ack_request(&mut payload, &self.target, &request_id, event, args, self.limits()),
            (Adapter::Sharded(_), None) => {
                sharded::encode::<A>(&mut payload, &self.target, &Message::FetchSockets { request_id: &request_id }, self.limits())
            }
            (Adapter::Sharded(_), Some((event, args))) => sharded::encode(
                &mut payload,
                &self.target,
                &Message::BroadcastWithAck { event, args, request_id: &request_id },
                self.limits(),
            ),
        };
        encoded.map_err(encode_error)?;
        if self.target.targets_nobody() {
            return Ok(Some(ZendHashTable::new()));
        }
        pool::within_deadline(deadline, || {
            // Redis work (not the wait for answers) keeps the usual budget: a
            // Redis failure costs at most `timeout + read_timeout`.
            let counted = pool::within_one_budget(&self.config, || self.count_servers(&channels));
            let Some(servers) = self.apply_on_error(counted)? else { return Ok(None) };
            if servers == 0 {
                return Ok(Some(ZendHashTable::new()));
            }
            let Some(mut subscriber) = self.apply_on_error(self.subscribe(&channels, deadline))? else { return Ok(None) };
            let publish = Outgoing { verb: if channels.sharded { Verb::SPublish } else { Verb::Publish }, ..Outgoing::publish(&channels.request, &payload) };
            let route = if channels.sharded { Route::key(channels.request.as_bytes()) } else { Route::publish(channels.request.as_bytes()) };
            let Some(received) = self.with_redis(route, |conn| match conn.pipeline(&[publish])?.pop() {
                Some(Reply::Int(n)) => Ok(n.unsigned_abs()),
                other => Err(Error::Protocol {
                    address: conn.address().to_owned(),
                    detail: format!("PUBLISH was answered with {} instead of a receiver count", other.map_or("nothing", |r| r.kind())),
                }),
            })?
            else {
                return Ok(None);
            };
            // The publish's own count is exact (servers that came or went since
            // NUMSUB), except for plain pub/sub on a cluster, where it only
            // counts the subscribers of the node it was published on.
            let expected = if self.config.cluster_seeds.is_empty() || channels.sharded { received } else { servers };
            let mut collector = Collector::new(kind, expected);
            subscriber.set_deadline(deadline);
            let mut failure = None;
            while !collector.complete() {
                match subscriber.next_message() {
                    Ok(Some((_, message))) => {
                        if let Some(answer) = roundtrip::parse_answer(&message, channels.sharded, kind, &request_id) {
                            collector.absorb(answer);
                        }
                    }
                    Ok(None) => break,
                    Err(err) => {
                        failure = Some(err);
                        break;
                    }
                }
            }
            drop(subscriber);
            let responses = match kind {
                Kind::FetchSockets => list(&collector.sockets)?,
                Kind::EmitWithAck => list(&collector.acks)?,
            };
            if collector.complete() {
                return Ok(Some(responses));
            }
            if let Some(err) = failure {
                // The answers' connection broke: a Redis failure, not a timeout.
                if self.apply_on_error(Err::<(), _>(err))?.is_none() {
                    return Ok(None);
                }
            }
            let mut zv = Zval::new();
            zv.set_hashtable(responses);
            let what = if kind == Kind::FetchSockets { "fetchSockets()" } else { "emitWithAck()" };
            Err(crate::errors::timeout_exception(
                &format!(
                    "{what} timed out after {} ms: {} (getResponses() has what arrived)",
                    started.elapsed().as_millis(),
                    collector.shortfall()
                ),
                zv,
            ))
        })
    }
}
