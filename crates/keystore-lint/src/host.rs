//! Host names: RFC 6125 matching of a reference identifier against presented names, and the
//! "fully qualified" test for a CN.

use core::net::IpAddr;

/// Lower-cases and strips one trailing dot.
fn normalize(name: &str) -> String {
    name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase()
}

/// Whether the reference host name `host` matches the presented DNS identifier `pattern`
/// (RFC 6125 §6.4): case-insensitive; a `*` only as the whole left-most label, standing for
/// exactly one label, never for an IDN A-label, and only with at least two labels after it
/// (`*.com` matches nothing).
pub(crate) fn dns_matches(pattern: &str, host: &str) -> bool {
    let pattern = normalize(pattern);
    let host = normalize(host);
    if pattern.is_empty() || host.is_empty() {
        return false;
    }
    let Some(rest) = pattern.strip_prefix("*.") else {
        return !pattern.contains('*') && pattern == host;
    };
    if rest.contains('*') || !rest.contains('.') {
        return false;
    }
    let Some((first, host_rest)) = host.split_once('.') else {
        return false;
    };
    !first.is_empty() && !first.starts_with("xn--") && host_rest == rest
}

/// Whether `name` is a syntactically valid DNS host name (LDH labels, optionally one leading
/// `*` label when `wildcard_ok`), ignoring a trailing dot.
pub(crate) fn is_dns_name(name: &str, wildcard_ok: bool) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() || name.len() > 253 {
        return false;
    }
    name.split('.').enumerate().all(|(i, label)| {
        (wildcard_ok && i == 0 && label == "*")
            || (!label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    })
}

/// Why a CN is not a fully qualified host name, or `None` when it is one.
pub(crate) fn fqdn_problem(cn: &str) -> Option<String> {
    if cn.parse::<IpAddr>().is_ok() {
        return Some(format!("CN {cn} is an IP address, not a host name"));
    }
    if !is_dns_name(cn, true) {
        return Some(format!("CN \"{cn}\" is not a valid DNS host name"));
    }
    let trimmed = cn.strip_suffix('.').unwrap_or(cn);
    let labels: Vec<&str> = trimmed.split('.').collect();
    if labels.len() < 2 {
        return Some(format!(
            "CN {cn} is a short host name, not fully qualified (e.g. {cn}.example.com)"
        ));
    }
    if labels.len() < 3 && labels.first() == Some(&"*") {
        return Some(format!("CN {cn} is a wildcard over a top-level domain"));
    }
    if labels
        .last()
        .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
    {
        return Some(format!("CN {cn} ends in a numeric label"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6125_matching() {
        assert!(dns_matches("host.example.com", "HOST.Example.com"));
        assert!(dns_matches("host.example.com.", "host.example.com"));
        assert!(dns_matches("*.example.com", "a.example.com"));
        assert!(!dns_matches("*.example.com", "example.com"));
        assert!(!dns_matches("*.example.com", "a.b.example.com"));
        assert!(!dns_matches("*.com", "example.com"));
        assert!(!dns_matches("a*.example.com", "ab.example.com"));
        assert!(!dns_matches("*.example.com", "xn--bcher-kva.example.com"));
        assert!(!dns_matches("other.example.com", "host.example.com"));
    }

    #[test]
    fn fqdn() {
        assert_eq!(fqdn_problem("host.example.com"), None);
        assert_eq!(fqdn_problem("*.example.com"), None);
        assert!(fqdn_problem("host").is_some());
        assert!(fqdn_problem("10.0.0.1").is_some());
        assert!(fqdn_problem("my host.example.com").is_some());
        assert!(fqdn_problem("*.com").is_some());
    }
}
