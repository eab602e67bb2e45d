//! The checks Java's `URIName` applies to a URI GeneralName: `java.net.URI`'s RFC 2396 grammar
//! (with its RFC 2732 IPv6 and non-ASCII deviations), a scheme, and a DNS, IPv4 or IPv6 host.

use super::asn1::{JResult, io};

type Parse<T> = Result<T, ()>;

fn in_set(c: char, set: &str) -> bool {
    c.is_ascii() && set.contains(c)
}

/// The ASCII character classes of `java.net.URI`.
#[derive(Clone, Copy)]
enum Class {
    Scheme,
    Uric,
    Path,
    UserInfo,
    RegName,
    Server,
    ServerPercent,
    Digit,
    Hex,
    DigitDot,
    AlphaNum,
    AlphaNumDash,
    ScopeId,
}

impl Class {
    fn matches(self, c: char) -> bool {
        let alnum = c.is_ascii_alphanumeric();
        let unreserved = alnum || in_set(c, "-_.!~*'()");
        let userinfo = unreserved || in_set(c, ";:&=+$,");
        match self {
            Self::Scheme => alnum || in_set(c, "+-."),
            Self::Uric => unreserved || in_set(c, ";/?:@&=+$,[]"),
            Self::Path => unreserved || in_set(c, ":@&=+$,;/"),
            Self::UserInfo => userinfo,
            Self::RegName => unreserved || in_set(c, "$,;:@&=+"),
            Self::Server => userinfo || in_set(c, "-.:@[]"),
            Self::ServerPercent => userinfo || in_set(c, "-.:@[]%"),
            Self::Digit => c.is_ascii_digit(),
            Self::Hex => c.is_ascii_hexdigit(),
            Self::DigitDot => c.is_ascii_digit() || c == '.',
            Self::AlphaNum => alnum,
            Self::AlphaNumDash => alnum || c == '-',
            Self::ScopeId => alnum || in_set(c, "_."),
        }
    }

    /// Whether `%XX` escapes and visible non-ASCII characters are also allowed.
    fn escapes(self) -> bool {
        matches!(
            self,
            Self::Uric
                | Self::Path
                | Self::UserInfo
                | Self::RegName
                | Self::Server
                | Self::ServerPercent
        )
    }
}

/// `Character.isSpaceChar`: Unicode Zs, Zl and Zp.
fn is_space_char(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

struct Parser<'a> {
    s: &'a [char],
    host: Option<String>,
    ipv6_bytes: usize,
}

impl Parser<'_> {
    fn at(&self, p: usize, c: char) -> bool {
        self.s.get(p) == Some(&c)
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.s.get(from..to).unwrap_or_default().iter().collect()
    }

    /// Index of the first char of `stop` from `start`, or `end`.
    fn scan_to(&self, start: usize, end: usize, stop: &str) -> usize {
        (start..end)
            .find(|&p| self.s.get(p).is_some_and(|c| stop.contains(*c)))
            .unwrap_or(end)
    }

    /// Scans chars of `class` (and escapes where allowed); fails on a malformed escape.
    fn scan(&self, start: usize, end: usize, class: Class) -> Parse<usize> {
        let mut p = start;
        while p < end {
            let Some(&c) = self.s.get(p) else { break };
            if class.matches(c) {
                p += 1;
            } else if class.escapes() && c == '%' {
                let hex = |i: usize| self.s.get(i).is_some_and(char::is_ascii_hexdigit);
                if p + 3 <= end && hex(p + 1) && hex(p + 2) {
                    p += 3;
                } else {
                    return Err(());
                }
            } else if class.escapes() && u32::from(c) > 128 && !is_space_char(c) && !c.is_control()
            {
                p += 1;
            } else {
                break;
            }
        }
        Ok(p)
    }

    fn check(&self, start: usize, end: usize, class: Class) -> Parse<()> {
        if self.scan(start, end, class)? < end {
            Err(())
        } else {
            Ok(())
        }
    }

    fn parse(&mut self) -> Parse<bool> {
        let n = self.s.len();
        let colon = (0..n)
            .map_while(|p| self.s.get(p).filter(|c| !"/?#".contains(**c)))
            .position(|c| *c == ':');
        let mut p;
        let has_scheme = colon.is_some();
        if let Some(colon) = colon {
            let first_alpha = self.s.first().is_some_and(char::is_ascii_alphabetic);
            if colon == 0 || !first_alpha {
                return Err(());
            }
            self.check(1, colon, Class::Scheme)?;
            p = colon + 1;
            if self.at(p, '/') {
                p = self.hierarchical(p, n)?;
            } else {
                let q = self.scan_to(p, n, "#");
                if q <= p {
                    return Err(());
                }
                self.check(p, q, Class::Uric)?;
                p = q;
            }
        } else {
            p = self.hierarchical(0, n)?;
        }
        if self.at(p, '#') {
            self.check(p + 1, n, Class::Uric)?;
            p = n;
        }
        if p < n { Err(()) } else { Ok(has_scheme) }
    }

    fn hierarchical(&mut self, start: usize, n: usize) -> Parse<usize> {
        let mut p = start;
        if self.at(p, '/') && self.at(p + 1, '/') {
            p += 2;
            let q = self.scan_to(p, n, "/?#");
            if q > p {
                p = self.authority(p, q)?;
            } else if q >= n {
                return Err(());
            }
        }
        let q = self.scan_to(p, n, "?#");
        self.check(p, q, Class::Path)?;
        p = q;
        if self.at(p, '?') {
            p += 1;
            let q = self.scan_to(p, n, "#");
            self.check(p, q, Class::Uric)?;
            p = q;
        }
        Ok(p)
    }

    fn authority(&mut self, start: usize, n: usize) -> Parse<usize> {
        let literal_v6 = self.scan_to(start, n, "]") < n;
        let server_class = if literal_v6 {
            Class::ServerPercent
        } else {
            Class::Server
        };
        let server_chars = self.scan(start, n, server_class)? == n;
        let reg_chars = self.scan(start, n, Class::RegName)? == n;
        if server_chars {
            match self.server(start, n) {
                Ok(q) if q >= n => return Ok(n),
                _ => self.host = None,
            }
        }
        if reg_chars { Ok(n) } else { Err(()) }
    }

    fn server(&mut self, start: usize, n: usize) -> Parse<usize> {
        let mut p = start;
        let at_sign = (start..n)
            .map_while(|i| self.s.get(i).filter(|c| !"/?#".contains(**c)))
            .position(|c| *c == '@');
        if let Some(off) = at_sign {
            self.check(p, start + off, Class::UserInfo)?;
            p = start + off + 1;
        }
        if self.at(p, '[') {
            p += 1;
            let q = (p..n)
                .map_while(|i| self.s.get(i).filter(|c| !"/?#".contains(**c)))
                .position(|c| *c == ']');
            let Some(off) = q.filter(|off| *off > 0) else {
                return Err(());
            };
            let q = p + off;
            let r = self.scan_to(p, q, "%");
            if r > p && r < q {
                self.ipv6(p, r)?;
                if r + 1 == q {
                    return Err(());
                }
                self.check(r + 1, q, Class::ScopeId)?;
            } else {
                self.ipv6(p, q)?;
            }
            self.host = Some(self.text(p - 1, q + 1));
            p = q + 1;
        } else {
            let q = self.ipv4_host(p, n);
            p = if q > p { q } else { self.hostname(p, n)? };
        }
        if self.at(p, ':') {
            p += 1;
            let q = self.scan(p, n, Class::Digit)?;
            if q > p {
                let port: String = self.text(p, q);
                port.parse::<i32>().map_err(|_| ())?;
                p = q;
            }
        }
        if p < n { Err(()) } else { Ok(p) }
    }

    /// One decimal octet (at most three digits, at most 255); returns the end or `start`.
    fn byte(&self, start: usize, end: usize) -> Parse<usize> {
        let q = self.scan(start, end, Class::Digit)?;
        if q <= start {
            return Ok(start);
        }
        let digits = self.text(start, q);
        if digits.len() > 3 || digits.parse::<u32>().map_err(|_| ())? > 255 {
            return Err(());
        }
        Ok(q)
    }

    /// A full dotted quad within `start..end` (when `strict`, it must fill the range).
    fn scan_ipv4(&self, start: usize, end: usize, strict: bool) -> Parse<Option<usize>> {
        let m = self.scan(start, end, Class::DigitDot)?;
        if m <= start || (strict && m != end) {
            return Ok(None);
        }
        let mut p = start;
        for i in 0..4 {
            if i > 0 {
                if !self.at(p, '.') || p >= m {
                    return Err(());
                }
                p += 1;
            }
            let q = self.byte(p, m)?;
            if q <= p {
                return Err(());
            }
            p = q;
        }
        if p < m { Err(()) } else { Ok(Some(p)) }
    }

    /// `parseIPv4Address`: the end of an IPv4 host, or `start` if there is none.
    fn ipv4_host(&mut self, start: usize, n: usize) -> usize {
        let Ok(Some(p)) = self.scan_ipv4(start, n, false) else {
            return start;
        };
        if p < n && !self.at(p, ':') {
            return start;
        }
        self.host = Some(self.text(start, p));
        p
    }

    fn hostname(&mut self, start: usize, n: usize) -> Parse<usize> {
        let mut p = start;
        let mut last_label = None;
        loop {
            let q = self.scan(p, n, Class::AlphaNum)?;
            if q <= p {
                break;
            }
            last_label = Some(p);
            p = q;
            let q = self.scan(p, n, Class::AlphaNumDash)?;
            if q > p {
                if self.at(q - 1, '-') {
                    return Err(());
                }
                p = q;
            }
            if !self.at(p, '.') {
                break;
            }
            p += 1;
            if p >= n {
                break;
            }
        }
        if p < n && !self.at(p, ':') {
            return Err(());
        }
        let Some(last) = last_label else {
            return Err(());
        };
        if last > start && !self.s.get(last).is_some_and(char::is_ascii_alphabetic) {
            return Err(());
        }
        self.host = Some(self.text(start, p));
        Ok(p)
    }

    fn hex_seq(&mut self, start: usize, n: usize) -> Parse<Option<usize>> {
        let q = self.scan(start, n, Class::Hex)?;
        if q <= start || self.at(q, '.') {
            return Ok(None);
        }
        if q > start + 4 {
            return Err(());
        }
        self.ipv6_bytes += 2;
        let mut p = q;
        while p < n {
            if !self.at(p, ':') || self.at(p + 1, ':') {
                break;
            }
            p += 1;
            let q = self.scan(p, n, Class::Hex)?;
            if q <= p {
                return Err(());
            }
            if self.at(q, '.') {
                p -= 1;
                break;
            }
            if q > p + 4 {
                return Err(());
            }
            self.ipv6_bytes += 2;
            p = q;
        }
        Ok(Some(p))
    }

    fn take_ipv4(&mut self, start: usize, n: usize) -> Parse<usize> {
        let p = self.scan_ipv4(start, n, true)?.ok_or(())?;
        self.ipv6_bytes += 4;
        Ok(p)
    }

    fn hex_post(&mut self, start: usize, n: usize) -> Parse<usize> {
        if start == n {
            return Ok(start);
        }
        match self.hex_seq(start, n)? {
            Some(p) if self.at(p, ':') => self.take_ipv4(p + 1, n),
            Some(p) => Ok(p),
            None => self.take_ipv4(start, n),
        }
    }

    fn ipv6(&mut self, start: usize, n: usize) -> Parse<()> {
        let mut compressed = false;
        let mut p = start;
        match self.hex_seq(p, n)? {
            Some(q) => {
                p = q;
                if self.at(p, ':') && self.at(p + 1, ':') {
                    compressed = true;
                    p = self.hex_post(p + 2, n)?;
                } else if self.at(p, ':') {
                    p = self.take_ipv4(p + 1, n)?;
                }
            }
            None if self.at(p, ':') && self.at(p + 1, ':') => {
                compressed = true;
                p = self.hex_post(p + 2, n)?;
            }
            None => {}
        }
        let bytes = self.ipv6_bytes;
        if p < n || bytes > 16 || (!compressed && bytes < 16) || (compressed && bytes == 16) {
            return Err(());
        }
        Ok(())
    }
}

/// `DNSName(String)`'s validity rules.
fn valid_dns_name(name: &str) -> bool {
    if name.is_empty() || name.contains(' ') || name.starts_with('.') || name.ends_with('.') {
        return false;
    }
    name.split('.').all(|label| {
        let mut chars = label.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

/// `IPAddressName(String)` for an IPv4 literal.
fn valid_ipv4_text(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|v| v <= 255)
        })
}

/// Whether a network interface of that name exists here (Java's `NetworkInterface.getByName`).
fn interface_exists(name: &str) -> bool {
    name != "." && name != ".." && std::path::Path::new("/sys/class/net").join(name).exists()
}

/// Validates a URI GeneralName as `new URIName(String)` does.
pub(super) fn check_uri_name(name: &str) -> JResult<()> {
    let chars: Vec<char> = name.chars().collect();
    let mut parser = Parser {
        s: &chars,
        host: None,
        ipv6_bytes: 0,
    };
    let Ok(has_scheme) = parser.parse() else {
        return io(format!("invalid URI name:{name}"));
    };
    if !has_scheme {
        return io(format!("URI name must include scheme:{name}"));
    }
    match parser.host {
        Some(host) if host.starts_with('[') => {
            // Java resolves a named IPv6 scope to a local interface and fails if there is none.
            let scope = host.trim_end_matches(']').split_once('%').map(|(_, s)| s);
            match scope {
                Some(s) if !s.bytes().all(|b| b.is_ascii_digit()) && !interface_exists(s) => io(
                    format!("invalid URI name (host portion is not a valid IPv6 address):{name}"),
                ),
                _ => Ok(()),
            }
        }
        Some(host) if !valid_dns_name(&host) && !valid_ipv4_text(&host) => io(format!(
            "invalid URI name (host portion is not a valid DNSName, IPv4 address, or IPv6 address):{name}"
        )),
        _ => Ok(()),
    }
}

/// `%XX` escapes decoded (as UTF-8), as `URI.getSchemeSpecificPart()` returns them.
fn percent_decode(s: &str) -> String {
    let mut bytes = Vec::new();
    let raw = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        let hex = raw
            .get(i + 1..i + 3)
            .and_then(|h| core::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                bytes.push(v);
                i += 3;
            }
            _ => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    super::jstr::utf8(&bytes)
}

/// Validates a URI in a name constraint as `URIName.nameConstraint` does: no scheme, and a
/// DNS name (optionally with a leading `.`).
pub(super) fn check_uri_constraint(name: &str) -> JResult<()> {
    let chars: Vec<char> = name.chars().collect();
    let mut parser = Parser {
        s: &chars,
        host: None,
        ipv6_bytes: 0,
    };
    match parser.parse() {
        Err(()) => io(format!("invalid URI name constraint:{name}")),
        Ok(true) => io(format!(
            "invalid URI name constraint (should not include scheme):{name}"
        )),
        Ok(false) => {
            let ssp = percent_decode(name.split_once('#').map_or(name, |(s, _)| s));
            let host = ssp.strip_prefix('.').unwrap_or(&ssp);
            if valid_dns_name(host) {
                Ok(())
            } else {
                io(format!("invalid URI name constraint:{name}"))
            }
        }
    }
}
