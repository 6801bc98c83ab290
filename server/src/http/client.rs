//! Who the client is, for the limits that count per client. Directly, the peer's address. Behind
//! reverse proxies, the address the outermost trusted proxy saw: each proxy appends the address
//! it was reached from to `X-Forwarded-For` (nginx's `$proxy_add_x_forwarded_for`), so the entry
//! that many places from the right is the one a proxy wrote; anything further left the client may
//! have written itself, and counting by it would let a client choose its own limit.

use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request};
use std::net::{IpAddr, SocketAddr};
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::GovernorError;

/// The client's address as the `trusted_proxies` proxies in front report it (none: the peer's).
/// Without a usable entry, the peer's: a proxy that sets no header puts its clients together.
pub fn client_address(headers: &HeaderMap, peer: Option<IpAddr>, trusted_proxies: u8) -> Option<IpAddr> {
    let Some(nth) = usize::from(trusted_proxies).checked_sub(1) else { return peer };
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect();
    let written_by_proxy = entries.iter().rev().nth(nth);
    written_by_proxy.and_then(|entry| entry.parse().ok().or_else(|| entry.parse::<SocketAddr>().ok().map(|a| a.ip()))).or(peer)
}

/// [`client_address`] as the login limit's key.
#[derive(Clone, Copy, Debug)]
pub struct ClientKey {
    pub trusted_proxies: u8,
}

impl KeyExtractor for ClientKey {
    type Key = IpAddr;

    fn extract<T>(&self, request: &Request<T>) -> Result<IpAddr, GovernorError> {
        let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip());
        client_address(request.headers(), peer, self.trusted_proxies).ok_or(GovernorError::UnableToExtractKey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn the_entry_the_trusted_proxy_wrote_counts_not_what_the_client_wrote() {
        let peer = Some("10.0.0.2".parse().unwrap());
        let client = "198.51.100.7".parse().ok();
        assert_eq!(client_address(&forwarded(&["203.0.113.1, 198.51.100.7"]), peer, 1), client);
        assert_eq!(client_address(&forwarded(&["203.0.113.1", "198.51.100.7"]), peer, 1), client, "headers in order");
        assert_eq!(client_address(&forwarded(&["198.51.100.7, 10.0.0.9"]), peer, 2), client, "two proxies");
        assert_eq!(client_address(&forwarded(&["198.51.100.7:4711"]), peer, 1), client, "with a port");
    }

    #[test]
    fn without_a_proxy_or_a_usable_entry_the_peer_counts() {
        let peer = Some("10.0.0.2".parse().unwrap());
        assert_eq!(client_address(&forwarded(&["198.51.100.7"]), peer, 0), peer, "not behind a proxy: the header is the client's");
        assert_eq!(client_address(&HeaderMap::new(), peer, 1), peer);
        assert_eq!(client_address(&forwarded(&["unknown"]), peer, 1), peer);
        assert_eq!(client_address(&forwarded(&["198.51.100.7"]), peer, 2), peer, "fewer entries than proxies");
    }
}
