#!/usr/bin/env python3
"""Hand-crafted certificates for edge cases openssl cannot produce (stdlib only).

Signatures are dummies: keytool -printcert never verifies them.
Usage: craft.py KEYDIR OUTDIR
"""
import os
import sys


def tlv(tag, content):
    n = len(content)
    if n < 0x80:
        ln = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big")
        ln = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + ln + content


def seq(*items):
    return tlv(0x30, b"".join(items))


def set_(*items):
    return tlv(0x31, b"".join(items))


def oid(s):
    parts = [int(p) for p in s.split(".")]
    first = parts[0] * 40 + parts[1]
    out = b""
    for v in [first] + parts[2:]:
        chunk = [v & 0x7F]
        v >>= 7
        while v:
            chunk.append(0x80 | (v & 0x7F))
            v >>= 7
        out += bytes(reversed(chunk))
    return tlv(0x06, out)


def integer(v):
    if isinstance(v, bytes):
        return tlv(0x02, v)
    n = (v.bit_length() + 8) // 8
    return tlv(0x02, v.to_bytes(n, "big", signed=True))


def octet(b):
    return tlv(0x04, b)


def bitstring(b, unused=0):
    return tlv(0x03, bytes([unused]) + b)


def boolean(v):
    return tlv(0x01, b"\xff" if v else b"\x00")


def null():
    return b"\x05\x00"


def utf8(s):
    return tlv(0x0C, s.encode("utf-8") if isinstance(s, str) else s)


def printable(s):
    return tlv(0x13, s.encode("latin-1") if isinstance(s, str) else s)


def ia5(s):
    return tlv(0x16, s.encode("latin-1") if isinstance(s, str) else s)


def t61(b):
    return tlv(0x14, b)


def bmp(s):
    return tlv(0x1E, s.encode("utf-16-be") if isinstance(s, str) else s)


def universal(s):
    return tlv(0x1C, s.encode("utf-32-be") if isinstance(s, str) else s)


def ctx(n, content, constructed=False):
    return tlv((0xA0 if constructed else 0x80) | n, content)


def utc(s):
    return tlv(0x17, s.encode())


def gen(s):
    return tlv(0x18, s.encode())


def name(*rdns):
    """rdns: list of lists of (oid, value-der) or a single (oid, value-der)."""
    out = []
    for r in rdns:
        if isinstance(r, tuple):
            r = [r]
        out.append(set_(*[seq(oid(o), v) for o, v in r]))
    return seq(*out)


def cn(s):
    return name(("2.5.4.3", utf8(s)))


SHA256RSA = seq(oid("1.2.840.113549.1.1.11"), null())


def ext(o, value, critical=False):
    parts = [oid(o)]
    if critical:
        parts.append(boolean(True))
    parts.append(octet(value))
    return seq(*parts)


def cert(spki, subject=None, issuer=None, serial=integer(0x1234),
         not_before=utc("250101000000Z"), not_after=utc("350101000000Z"),
         exts=None, version=2, sigalg=SHA256RSA, outer_sigalg=None,
         raw_exts=None, uids=False, tail=b"", signature=None):
    subject = subject if subject is not None else cn("crafted")
    issuer = issuer if issuer is not None else subject
    tbs = []
    if version is not None:
        tbs.append(ctx(0, integer(version), True))
    tbs += [serial, sigalg, issuer, seq(not_before, not_after), subject, spki]
    if uids:
        tbs += [ctx(1, b"\x00\x01\x02"), ctx(2, b"\x00\x03")]
    if raw_exts is not None:
        tbs.append(ctx(3, raw_exts, True))
    elif exts:
        tbs.append(ctx(3, seq(*exts), True))
    tbs.append(tail)
    sig = signature if signature is not None else bitstring(b"\x00" * 16)
    return seq(seq(*tbs), outer_sigalg or sigalg, sig)



def parse(b):
    """Split one TLV: (tag, content, rest)."""
    tag = b[0]
    n = b[1]
    off = 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(b[2:2 + k], "big")
        off = 2 + k
    return tag, b[off:off + n], b[off + n:]


def children(content):
    out = []
    while content:
        tag, c, rest = parse(content)
        out.append(content[:len(content) - len(rest)])
        content = rest
    return out


def main():
    keydir, outdir = sys.argv[1], sys.argv[2]

    def key(n):
        with open(os.path.join(keydir, n + ".spki.der"), "rb") as f:
            return f.read()

    rsa = key("rsa2048")
    cases = {}

    def add(n, **kw):
        kw.setdefault("spki", rsa)
        cases[n] = cert(**kw)

    # --- names ---
    add("dn-strings", subject=name(
        ("2.5.4.6", printable("US")),
        ("2.5.4.8", t61(b"Caf\xe9")),
        ("2.5.4.7", bmp("B\u00e9mp \u4e2d")),
        ("2.5.4.10", universal("Univ\u00e9rsal \U0001F600")),
        ("2.5.4.11", ia5("ia5 unit")),
        ("2.5.4.3", utf8("\u00dcn\u00efcode \U0001F600")),
        ("1.2.840.113549.1.9.1", ia5("a@example.com")),
        ("0.9.2342.19200300.100.1.25", ia5("example")),
        ("0.9.2342.19200300.100.1.1", utf8("uid1")),
        ("2.5.4.5", printable("SN123")),
        ("2.5.4.12", utf8("Title")),
        ("1.3.6.1.4.1.42.2.11.2.1", utf8("10.0.0.1")),
        ("2.5.4.9", utf8("Street 1")),
        ("2.5.4.46", printable("dnq")),
        ("2.5.4.4", utf8("Sur")),
        ("2.5.4.42", utf8("Given")),
        ("2.5.4.43", utf8("I")),
        ("2.5.4.44", utf8("III")),
        ("1.2.3.4", utf8("x")),
        ("2.5.4.17", utf8("12345")),
        ("2.5.4.97", utf8("VATDE-123")),
    ))
    add("dn-nonstring", subject=name(
        ("1.2.3.4", integer(42)),
        ("2.5.4.3", tlv(0x1A, b"visible")),
        ("2.5.4.3", tlv(0x1B, b"general")),
        ("2.5.4.3", tlv(0x12, b"123 456")),
        ("2.5.4.3", octet(b"\x01\x02")),
        ("2.5.4.3", seq(utf8("in seq"))),
        ("2.5.4.3", null()),
        ("2.5.4.3", tlv(0x15, b"videotex")),
        ("2.5.4.3", tlv(0x19, b"graphic")),
    ))
    specials = ["a,b", "a+b", "a=b", "a<b", "a>b", "#a", "a#", "a;b", 'a"b', "a\\b",
                " lead", "trail ", "a  b", "a b", "a\nb", "\nlead", '"quoted"', '"half',
                "*&@!%", "", " ", "  ", "a\tb", "a\x00b", "\"", "\"\"", "'()-./:?",
                "x\x7fy", "a \nb", "\u00a0nbsp", "a\rb"]
    add("dn-specials", subject=name(*[("2.5.4.3", utf8(s)) for s in specials]))
    add("dn-multi", subject=name(
        ("2.5.4.6", printable("US")),
        [("2.5.4.10", utf8("Org")), ("2.5.4.11", utf8("Unit")), ("2.5.4.3", utf8("multi"))],
        [("2.5.4.3", utf8("zz")), ("2.5.4.3", utf8("a"))],
    ))
    add("dn-empty", subject=seq(), issuer=cn("issuer"))
    add("dn-badutf8", subject=name(
        ("2.5.4.3", utf8(b"a\xffb\xc3(c\xe2\x82d\xf0\x9f\x98e\xed\xa0\x80f\xc0\xafg")),
        ("2.5.4.3", printable(b"hi\xe9there")),
        ("2.5.4.3", ia5(b"ia\x80five")),
        ("2.5.4.3", bmp(b"\x00a\xd8\x00\x00b\x00")),
        ("2.5.4.3", universal(b"\x00\x00\x00a\x00\x11\x00\x00\x00\x00\xd8\x00\x00\x00")),
    ))
    add("dn-oddkeys", subject=name(
        ("2.5.4.3", utf8("alreadyquoted")),
        ("2.5.4.3", utf8('"a,b"')),
        ("2.5.4.3", utf8('"a"b"')),
        ("2.5.4.3", utf8('"')),
        ("2.5.4.3", utf8('" lead"')),
        ("0.9.2342.19200300.100.1.3", utf8("rfc822mailbox")),
        ("2.5.4.65", utf8("pseudonym")),
        ("1.2.840.113549.1.9.2", utf8("unstructured")),
        ("2.5.4.15", utf8("business")),
    ))

    # --- serials, versions, times ---
    add("serial-neg", serial=integer(-5))
    add("serial-20", serial=integer(bytes.fromhex("7f" + "ab" * 19)))
    add("serial-lead00", serial=integer(bytes.fromhex("00ff01")))
    add("v1", version=None)
    add("v1-explicit", version=0)
    add("v2", version=1)
    add("time-gen", not_before=gen("19700101000000Z"), not_after=gen("99991231235959Z"))
    add("time-old", not_before=utc("500101000000Z"), not_after=utc("491231235959Z"))
    add("time-nosec", not_before=utc("2501010000Z"), not_after=utc("3501010000+0130"))
    add("time-frac", not_before=gen("20250101000000.123Z"), not_after=gen("20350101000000-0800"))
    add("time-ancient", not_before=gen("00010101000000Z"), not_after=gen("15821015000000Z"))
    add("time-julian", not_before=gen("15821004120000Z"), not_after=gen("16000229000000Z"))
    add("time-feb31", not_before=utc("250231000000Z"), not_after=gen("19000101000000Z"))

    # --- basic constraints variants ---
    add("bc-variants-1", exts=[ext("2.5.29.19", seq())])
    add("bc-variants-2", exts=[ext("2.5.29.19", seq(boolean(False)))])
    add("bc-variants-3", exts=[ext("2.5.29.19", seq(integer(3)))])
    add("bc-variants-4", exts=[ext("2.5.29.19", seq(boolean(True), integer(0)))])
    add("bc-variants-5", exts=[ext("2.5.29.19", seq(boolean(False), integer(7)))])
    add("bc-variants-6", exts=[ext("2.5.29.19", seq(boolean(True), integer(2**40)))])
    add("bc-variants-7", exts=[ext("2.5.29.19", octet(b""))])
    add("bc-variants-8", exts=[ext("2.5.29.19", seq(boolean(True), integer(-1)))])

    # --- key usage ---
    add("ku-1", exts=[ext("2.5.29.15", bitstring(b"\x80", 7))])
    add("ku-2", exts=[ext("2.5.29.15", bitstring(b""))])
    add("ku-3", exts=[ext("2.5.29.15", bitstring(b"\xff\xff\xff", 0))])
    add("ku-4", exts=[ext("2.5.29.15", bitstring(b"\x00\x80", 7))])

    # --- general names ---
    gn_all = seq(
        ctx(0, oid("1.3.6.1.4.1.311.20.2.3") + ctx(0, utf8("upn@example.com"), True), True),
        ctx(0, oid("1.3.6.1.5.5.7.8.4") + ctx(0, seq(oid("1.2.3"), octet(b"x")), True), True),
        ctx(1, b"mail@example.com"),
        ctx(2, b"dns.example.com"),
        ctx(2, b"*.wild.example.com"),
        ctx(2, b"bad dns!"),
        ctx(3, seq(printable("x400")), True),
        ctx(4, cn("dir in san"), True),
        ctx(5, ctx(1, utf8("party"), True), True),
        ctx(5, ctx(0, utf8("assigner"), True) + ctx(1, utf8("party2"), True), True),
        ctx(6, b"http://u.example.com/a?b#c"),
        ctx(6, b"urn:isbn:123"),
        ctx(6, b"file:///etc/x"),
        ctx(6, b"http://[2001:db8::1]:8080/x"),
        ctx(7, bytes([192, 168, 1, 1])),
        ctx(7, bytes(16)),
        ctx(7, bytes.fromhex("00000000000000000000ffff0a000001")),
        ctx(7, bytes.fromhex("fe800000000000000000000000000001")),
        ctx(8, oid("1.2.3.4")[2:]),
    )
    add("san-all", exts=[ext("2.5.29.17", gn_all), ext("2.5.29.18", gn_all)])
    add("san-bad-ip", exts=[ext("2.5.29.17", seq(ctx(7, b"\x01\x02\x03")))])
    add("san-bad-uri", exts=[ext("2.5.29.17", seq(ctx(6, b"http://a b/")))])
    add("san-noscheme-uri", exts=[ext("2.5.29.17", seq(ctx(6, b"//host/path")))])
    add("san-uri-badhost", exts=[ext("2.5.29.17", seq(ctx(6, b"http://a_b.example/")))])
    add("san-empty-email", exts=[ext("2.5.29.17", seq(ctx(1, b"x@")))])
    add("san-empty", exts=[ext("2.5.29.17", seq())])
    add("san-critical-bad", exts=[ext("2.5.29.17", seq(ctx(7, b"\x01")), critical=True)])

    # --- AKI / SKI ---
    add("aki-issuer-only", exts=[ext("2.5.29.35", seq(
        ctx(1, ctx(4, cn("aki issuer"), True) + ctx(2, b"dns.example"), True),
        ctx(2, bytes.fromhex("fedce3010fc948ff"))))])
    add("aki-serial0", exts=[ext("2.5.29.35", seq(ctx(0, b"\x01\x02"), ctx(2, b"\x00")))])
    add("aki-empty", exts=[ext("2.5.29.35", seq())])
    add("aki-serial-neg", exts=[ext("2.5.29.35", seq(ctx(2, b"\xff\x01")))])
    add("ski-empty", exts=[ext("2.5.29.14", octet(b""))])
    add("ski-long", exts=[ext("2.5.29.14", octet(bytes(range(40))))])

    # --- misc extensions ---
    add("pku", exts=[ext("2.5.29.16", seq(ctx(0, b"20061127202342Z"), ctx(1, b"20261127205342Z")))])
    add("pku-from", exts=[ext("2.5.29.16", seq(ctx(0, b"20061127202342Z")))])
    add("pku-to", exts=[ext("2.5.29.16", seq(ctx(1, b"20261127205342Z")))])
    add("polcons", exts=[ext("2.5.29.36", seq(ctx(1, b"\x05")))])
    add("polcons-empty", exts=[ext("2.5.29.36", seq())])
    add("inhibit", exts=[ext("2.5.29.54", integer(0), critical=True)])
    add("nscert", exts=[ext("2.16.840.1.113730.1.1", bitstring(b"\x01", 0))])
    add("nscert-2", exts=[ext("2.16.840.1.113730.1.1", bitstring(b"\xa0", 5))])
    add("unknown-empty", exts=[ext("1.2.3.4", b"")])
    add("unknown-crit", exts=[ext("1.2.3.4", b"\x05\x00", critical=True)])
    add("ocspnocheck", exts=[ext("1.3.6.1.5.5.7.48.1.5", null())])
    add("crl-exts", exts=[
        ext("2.5.29.20", integer(12345)),
        ext("2.5.29.21", tlv(0x0A, b"\x01")),
        ext("2.5.29.27", integer(7)),
        ext("2.5.29.29", seq(ctx(2, b"ci.example.com"))),
        ext("2.5.29.46", seq(seq(ctx(0, ctx(0, ctx(6, b"http://fresh/x"), True), True)))),
        ext("2.5.29.28", seq(ctx(0, ctx(0, ctx(6, b"http://idp/x"), True), True), ctx(1, b"\xff"))),
    ])
    add("crldp-variants", exts=[ext("2.5.29.31", seq(
        seq(ctx(0, ctx(1, set_(seq(oid("2.5.4.3"), utf8("rel"))), True), True)),
        seq(ctx(1, b"\x06\x40", False)),
        seq(ctx(2, ctx(6, b"http://issuer"), True)),
        seq(),
    ))])
    add("aia-empty", exts=[ext("1.3.6.1.5.5.7.1.1", seq())])
    add("cp-variants", exts=[ext("2.5.29.32", seq(
        seq(oid("2.5.29.32.0")),
        seq(oid("1.2.3"), seq(seq(oid("1.3.6.1.5.5.7.2.1"), ia5("http://cps")), seq(oid("1.2.3.4")))),
        seq(oid("1.2.4"), seq()),
    ))])
    add("nc-variants", exts=[ext("2.5.29.30", seq(
        ctx(0, seq(ctx(2, b"ok.example")) + seq(ctx(2, b"min.example"), ctx(0, b"\x02"), ctx(1, b"\x05"))
            + seq(ctx(7, bytes.fromhex("20010db8000000000000000000000000ffff00ff000000000000000000000000")))
            + seq(ctx(7, bytes.fromhex("c0a80000ffffff00"))), True),
    ))])
    add("nc-empty", exts=[ext("2.5.29.30", seq())])
    add("polmap-empty", exts=[ext("2.5.29.33", seq())])
    add("dup-ext", exts=[ext("2.5.29.14", octet(b"\x01")), ext("2.5.29.14", octet(b"\x02"))])
    add("dup-unknown", exts=[ext("1.2.3", b""), ext("1.2.3", b"")])
    add("eku-misc", exts=[ext("2.5.29.37", seq(
        oid("1.3.6.1.4.1.311.10.3.3"), oid("2.16.840.1.113730.4.1"), oid("1.3.6.1.5.5.7.48.1"),
        oid("2.5.4.3"), oid("1.3.6.1.5.5.7.3.8"), oid("1.2.840.113583.1.1.5")))])
    add("ext-noval", raw_exts=seq())
    add("bad-unparse-ku", exts=[ext("2.5.29.15", octet(b"x"))])
    add("bad-unparse-eku", exts=[ext("2.5.29.37", seq())])
    add("bad-unparse-ski", exts=[ext("2.5.29.14", bitstring(b""))])
    add("bad-unparse-bc", exts=[ext("2.5.29.19", seq(boolean(True), octet(b"")))])
    add("bad-unparse-aia", exts=[ext("1.3.6.1.5.5.7.1.1", seq(seq(oid("1.2.3"))))])
    add("bad-trailing", exts=[ext("2.5.29.14", octet(b"\x01") + b"\x00\x00")])

    # --- keys ---
    for k in ["rsa512", "rsa1024", "rsa4096", "pss2048", "pss1024", "pss2048r", "ec-prime256v1",
              "ec-secp384r1", "ec-secp521r1", "ec-secp256k1", "ec-secp224r1", "ec-prime192v1",
              "ec-brainpoolP256r1", "ec-brainpoolP512r1", "ec-sect163k1", "ec-secp112r1",
              "ec-c2tnb191v1", "ec-prime239v1", "ec-sect571r1", "ec-explicit", "ec-compressed",
              "ed25519", "ed448", "x25519", "x448", "dsa2048", "dsa1024", "dh2048", "dhx2048"]:
        add("key-" + k, spki=key(k))
    dsa = children(parse(key("dsa2048"))[1])
    add("key-dsa-noparams", spki=seq(seq(oid("1.2.840.10040.4.1")), dsa[1]))
    rsabits = children(parse(rsa)[1])[1]
    add("key-unknown-alg", spki=seq(seq(oid("1.2.3.4")), rsabits))
    add("key-known-nonkey", spki=seq(seq(oid("1.2.840.113549.1.1.11"), null()), rsabits))
    add("key-rsa-noparams", spki=seq(seq(oid("1.2.840.113549.1.1.1")), rsabits))
    add("key-rsa-e1", spki=seq(seq(oid("1.2.840.113549.1.1.1"), null()),
                                bitstring(seq(integer((1 << 2047) + 12345), integer(1)))))
    add("key-rsa-384", spki=seq(seq(oid("1.2.840.113549.1.1.1"), null()),
                                 bitstring(seq(integer((1 << 383) + 12345), integer(65537)))))
    add("key-rsa-511", spki=seq(seq(oid("1.2.840.113549.1.1.1"), null()),
                                 bitstring(seq(integer((1 << 510) + 12345), integer(65537)))))
    add("key-rsa-16385", spki=seq(seq(oid("1.2.840.113549.1.1.1"), null()),
                                   bitstring(seq(integer((1 << 16384) + 12345), integer(65537)))))
    add("key-rsa-bige", spki=seq(seq(oid("1.2.840.113549.1.1.1"), null()),
                                  bitstring(seq(integer((1 << 4095) + 12345), integer((1 << 70) + 1)))))

    # --- signature algorithms ---
    for n, o in [("sig-md2", "1.2.840.113549.1.1.2"), ("sig-md5", "1.2.840.113549.1.1.4"),
                 ("sig-sha1", "1.2.840.113549.1.1.5"), ("sig-sha224", "1.2.840.113549.1.1.14"),
                 ("sig-sha512-256", "1.2.840.113549.1.1.16"), ("sig-sha3", "2.16.840.1.101.3.4.3.14"),
                 ("sig-oiw-sha1", "1.3.14.3.2.29"), ("sig-dsa-sha1", "1.2.840.10040.4.3"),
                 ("sig-ecdsa-sha1", "1.2.840.10045.4.1"), ("sig-unknown", "1.2.3.4.5"),
                 ("sig-cn", "2.5.4.3"), ("sig-md5-bare", "1.2.840.113549.2.5"),
                 ("sig-sha1-bare", "1.3.14.3.2.26"), ("sig-rsa", "1.2.840.113549.1.1.1")]:
        add(n, sigalg=seq(oid(o), null()))
    add("sig-specified-ecdsa", sigalg=seq(oid("1.2.840.10045.4.3"), seq(oid("2.16.840.1.101.3.4.2.2"))))
    add("sig-specified-ecdsa-unk", sigalg=seq(oid("1.2.840.10045.4.3"), seq(oid("1.2.3"))))
    add("sig-mismatch", sigalg=SHA256RSA, outer_sigalg=seq(oid("1.2.840.113549.1.1.12"), null()))
    add("sig-null-vs-absent", sigalg=SHA256RSA, outer_sigalg=seq(oid("1.2.840.113549.1.1.11")))

    # --- more times ---
    add("time-nosec-z", not_before=utc("2501010000Z"))
    add("time-offset", not_before=utc("250101000000+0130"))
    add("time-gen-nosec", not_before=gen("202501010000Z"))
    add("time-year0", not_before=gen("00000101000000Z"))
    add("time-gen-frac-long", not_before=gen("20250101000000.123456Z"))
    add("time-bad-month", not_before=utc("251301000000Z"))

    # --- more names / structure ---
    add("dn-empty-ext", subject=seq(), issuer=cn("issuer"), exts=[ext("2.5.29.14", octet(b"\x01"))])
    add("dn-empty-san", subject=seq(), issuer=cn("issuer"),
        exts=[ext("2.5.29.17", seq(ctx(2, b"x.example")), critical=True)])
    add("dn-empty-san-nc", subject=seq(), issuer=cn("issuer"), exts=[ext("2.5.29.17", seq(ctx(2, b"x.example")))])
    add("dn-empty-rdn", subject=seq(set_(), set_(seq(oid("2.5.4.3"), utf8("x")))))
    add("dn-only-empty-rdn", subject=seq(set_()))
    add("dn-not-seq", subject=set_(set_(seq(oid("2.5.4.3"), utf8("x")))))

    # --- more extension details ---
    add("edi-variants", exts=[ext("2.5.29.17", seq(
        ctx(5, ctx(1, utf8("p"), False), True),
        ctx(5, ctx(0, utf8("a"), False) + ctx(1, utf8("p"), False), True),
        ctx(5, ctx(1, b"\x0c\x01p", False), True),
        ctx(5, ctx(0, b"\x0c\x01a", False) + ctx(1, b"\x0c\x01p", False), True),
        ctx(5, ctx(0, b"\x02\x01\x05", False) + ctx(1, b"\x0c\x01p", False), True),
    ))])
    add("crldp-rel", exts=[ext("2.5.29.31", seq(
        seq(ctx(0, ctx(1, seq(oid("2.5.4.3"), utf8("rel")), True), True)),
    ))])
    add("crldp-reasons", exts=[ext("2.5.29.31", seq(seq(ctx(1, b"\x07\x80", False))))])
    add("crldp-reasons0", exts=[ext("2.5.29.31", seq(seq(ctx(1, b"\x00", False))))])
    add("crldp-issuer", exts=[ext("2.5.29.31", seq(seq(ctx(2, ctx(6, b"http://issuer"), True))))])
    add("crldp-empty-dp", exts=[ext("2.5.29.31", seq(seq()))])
    add("crldp-empty", exts=[ext("2.5.29.31", seq())])
    add("crldp-two", exts=[ext("2.5.29.31", seq(
        seq(ctx(0, ctx(0, ctx(6, b"http://a"), True), True)),
        seq(ctx(0, ctx(0, ctx(6, b"http://b"), True), True), ctx(1, b"\x01\x80")),
    ))])
    add("cp-any", exts=[ext("2.5.29.32", seq(seq(oid("2.5.29.32.0"))))])
    add("cp-emptyq", exts=[ext("2.5.29.32", seq(seq(oid("1.2.4"), seq())))])
    add("cp-noqval", exts=[ext("2.5.29.32", seq(seq(oid("1.2.3"), seq(seq(oid("1.2.3.4"))))))])
    add("cp-dupq", exts=[ext("2.5.29.32", seq(seq(oid("1.2.3"), seq(
        seq(oid("1.3.6.1.5.5.7.2.1"), ia5("http://cps")), seq(oid("1.3.6.1.5.5.7.2.1"), ia5("http://cps"))))))])
    add("cp-dup-policy", exts=[ext("2.5.29.32", seq(seq(oid("1.2.3")), seq(oid("1.2.3"))))])
    add("cp-empty", exts=[ext("2.5.29.32", seq())])
    add("aki-serial-nonmin", exts=[ext("2.5.29.35", seq(ctx(2, b"\x00\x01")))])
    add("aki-serial-long", exts=[ext("2.5.29.35", seq(ctx(2, bytes(range(1, 41)))))])
    add("aki-issuer-only-names", exts=[ext("2.5.29.35", seq(ctx(1, ctx(2, b"d"), True)))])
    add("serial-nonmin", serial=integer(b"\x00\x01"))
    add("serial-empty", serial=integer(b""))
    add("ku-long", exts=[ext("2.5.29.15", bitstring(b"\xff\xff\xff\xff", 0))])
    add("ku-unused-bits", exts=[ext("2.5.29.15", bitstring(b"\xff", 1))])
    add("nscert-long", exts=[ext("2.16.840.1.113730.1.1", bitstring(b"\xff\xff", 0))])
    add("inhibit-neg", exts=[ext("2.5.29.54", integer(-1), critical=True)])
    add("polcons-both", exts=[ext("2.5.29.36", seq(ctx(0, b"\x00"), ctx(1, b"\x00")))])
    add("polmap-any", exts=[ext("2.5.29.33", seq(seq(oid("2.5.29.32.0"), oid("1.2"))))])
    add("idp-all", exts=[ext("2.5.29.28", seq(
        ctx(0, ctx(1, seq(oid("2.5.4.3"), utf8("rel")), True), True),
        ctx(2, b"\xff"), ctx(3, b"\x03\x60"), ctx(4, b"\xff"), ctx(5, b"\xff")))])
    add("idp-empty", exts=[ext("2.5.29.28", seq())])
    add("reason-variants", exts=[ext("2.5.29.21", tlv(0x0A, b"\x08"))])
    add("reason-oob", exts=[ext("2.5.29.21", tlv(0x0A, b"\x2a"))])
    add("crlnum-big", exts=[ext("2.5.29.20", integer(2**300 + 5))])
    add("crlnum-neg", exts=[ext("2.5.29.20", integer(-300))])
    add("sia-variants", exts=[ext("1.3.6.1.5.5.7.1.11", seq(
        seq(oid("1.3.6.1.5.5.7.48.3"), ctx(6, b"http://ts")),
        seq(oid("1.3.6.1.5.5.7.48.2"), ctx(4, cn("dir"), True)),
        seq(oid("1.3.6.1.5.5.7.48.1"), ctx(7, b"\x01\x02\x03\x04"))))])
    add("ocspnocheck-junk", exts=[ext("1.3.6.1.5.5.7.48.1.5", b"\x01\x02")])
    add("crit-bool-nonff", raw_exts=seq(seq(oid("1.2.3"), tlv(0x01, b"\x01"), octet(b""))))
    add("crit-false-explicit", raw_exts=seq(seq(oid("1.2.3"), boolean(False), octet(b"\x05\x00"))))
    add("uid-fields", exts=None, version=1)

    # --- reader error messages (all in a non-critical SKI unless noted) ---
    for n, v in [("trunc", b"\x04\x05\x01"), ("onebyte", b"\x04"), ("empty", b""),
                 ("len-long", b"\x04\x81\x01\x01"), ("len-5", b"\x04\x85\x00\x00\x00\x00\x01\x01"),
                 ("len-indef", b"\x04\x80\x01\x00\x00"), ("len-big", b"\x04\x84\x7f\xff\xff\xff\x01"),
                 ("len-neg", b"\x04\x84\xff\xff\xff\xff\x01"), ("hightag", b"\x1f\x81\x01\x00"),
                 ("tag0", b"\x00\x00"), ("len-ff", b"\x04\xff\x01")]:
        add("err-ski-" + n, exts=[ext("2.5.29.14", v)])
    add("err-ku-bitstring-empty", exts=[ext("2.5.29.15", b"\x03\x00")])
    add("err-ku-unused-8", exts=[ext("2.5.29.15", b"\x03\x02\x08\xff")])
    add("err-ku-int", exts=[ext("2.5.29.15", integer(5))])
    add("err-ku-wrapped", exts=[ext("2.5.29.15", octet(bitstring(b"\x80", 7)))])
    add("err-nscert-wrapped", exts=[ext("2.16.840.1.113730.1.1", octet(bitstring(b"\x80", 7)))])
    add("err-bc-notseq", exts=[ext("2.5.29.19", integer(1))])
    add("err-bc-trailing", exts=[ext("2.5.29.19", seq(boolean(True), integer(1), integer(2)))])
    add("err-eku-notseq", exts=[ext("2.5.29.37", oid("1.2.3"))])
    add("err-eku-notoid", exts=[ext("2.5.29.37", seq(integer(1)))])
    add("err-oid-empty", exts=[ext("2.5.29.37", seq(b"\x06\x00"))])
    add("err-oid-pad", exts=[ext("2.5.29.37", seq(b"\x06\x03\x2a\x80\x01"))])
    add("err-oid-unterminated", exts=[ext("2.5.29.37", seq(b"\x06\x02\x2a\x81"))])
    add("oid-huge", exts=[ext("2.5.29.37", seq(tlv(0x06, b"\x2a" + b"\xff" * 20 + b"\x7f"),
                                                tlv(0x06, b"\xff" * 20 + b"\x7f"), tlv(0x06, b"\x50"), tlv(0x06, b"\x27"),
                                                tlv(0x06, b"\x81\x00")))])
    add("err-san-notseq", exts=[ext("2.5.29.17", octet(b""))])
    add("err-san-universal-tag", exts=[ext("2.5.29.17", seq(integer(1)))])
    add("err-san-tag9", exts=[ext("2.5.29.17", seq(ctx(9, b"x")))])
    add("err-san-dns-constructed", exts=[ext("2.5.29.17", seq(ctx(2, b"x", True)))])
    add("err-san-dir-prim", exts=[ext("2.5.29.17", seq(ctx(4, b"x")))])
    add("err-san-other-prim", exts=[ext("2.5.29.17", seq(ctx(0, b"x")))])
    add("err-san-edi-3", exts=[ext("2.5.29.17", seq(ctx(5, ctx(0, utf8("a")) * 3, True)))])
    add("err-san-email-empty", exts=[ext("2.5.29.17", seq(ctx(1, b"")))])
    add("err-san-email-dot", exts=[ext("2.5.29.17", seq(ctx(1, b"a@.")))])
    add("err-san-ip-empty", exts=[ext("2.5.29.17", seq(ctx(7, b"")))])
    add("err-san-oid-bad", exts=[ext("2.5.29.17", seq(ctx(8, b"")))])
    add("err-aki-notseq", exts=[ext("2.5.29.35", octet(b""))])
    add("err-aki-badtag", exts=[ext("2.5.29.35", seq(ctx(3, b"")))])
    add("err-aki-dup", exts=[ext("2.5.29.35", seq(ctx(0, b"\x01"), ctx(0, b"\x02")))])
    add("err-aki-serial-empty", exts=[ext("2.5.29.35", seq(ctx(2, b"")))])
    add("err-aia-notseq", exts=[ext("1.3.6.1.5.5.7.1.1", octet(b""))])
    add("err-sia-notseq", exts=[ext("1.3.6.1.5.5.7.1.11", octet(b""))])
    add("err-cp-notseq", exts=[ext("2.5.29.32", octet(b""))])
    add("err-cp-pi-notseq", exts=[ext("2.5.29.32", seq(oid("1.2")))])
    add("err-cp-q-notseq", exts=[ext("2.5.29.32", seq(seq(oid("1.2"), oid("1.3"))))])
    add("err-cp-qi-notseq", exts=[ext("2.5.29.32", seq(seq(oid("1.2"), seq(oid("1.3")))))])
    add("err-pm-notseq", exts=[ext("2.5.29.33", octet(b""))])
    add("err-pm-map-notseq", exts=[ext("2.5.29.33", seq(oid("1.2")))])
    add("err-pc-notseq", exts=[ext("2.5.29.36", octet(b""))])
    add("err-pc-badtag", exts=[ext("2.5.29.36", seq(ctx(2, b"\x01")))])
    add("err-pc-dup", exts=[ext("2.5.29.36", seq(ctx(0, b"\x01"), ctx(0, b"\x01")))])
    add("err-nc-notseq", exts=[ext("2.5.29.30", octet(b""))])
    add("err-nc-badtag", exts=[ext("2.5.29.30", seq(ctx(2, b"", True)))])
    add("err-nc-dup", exts=[ext("2.5.29.30", seq(ctx(0, b"", True), ctx(0, b"", True)))])
    add("err-nc-subtree-notseq", exts=[ext("2.5.29.30", seq(ctx(0, oid("1.2"), True)))])
    add("err-nc-subtree-badtag", exts=[ext("2.5.29.30", seq(ctx(0, seq(ctx(2, b"a"), ctx(2, b"\x01")), True)))])
    add("nc-empty-subtrees", exts=[ext("2.5.29.30", seq(ctx(0, b"", True), ctx(1, b"", True)))])
    add("err-crldp-notseq", exts=[ext("2.5.29.31", octet(b""))])
    add("err-crldp-dp-notseq", exts=[ext("2.5.29.31", seq(oid("1.2")))])
    add("err-crldp-badtag", exts=[ext("2.5.29.31", seq(seq(ctx(3, b""))))])
    add("err-crldp-dpname-badtag", exts=[ext("2.5.29.31", seq(seq(ctx(0, ctx(2, b""), True))))])
    add("err-pku-notseq", exts=[ext("2.5.29.16", octet(b""))])
    add("err-pku-badtag", exts=[ext("2.5.29.16", seq(ctx(2, b"20061127202342Z")))])
    add("err-pku-badtime", exts=[ext("2.5.29.16", seq(ctx(0, b"2006")))])
    add("pku-empty", exts=[ext("2.5.29.16", seq())])
    add("err-inhibit-m2", exts=[ext("2.5.29.54", integer(-2), critical=True)])
    add("err-inhibit-notint", exts=[ext("2.5.29.54", octet(b""), critical=True)])
    add("err-reason-notenum", exts=[ext("2.5.29.21", integer(1))])
    add("err-crlnum-notint", exts=[ext("2.5.29.20", octet(b""))])
    add("err-idp-notseq", exts=[ext("2.5.29.28", octet(b""))])
    add("err-certissuer", exts=[ext("2.5.29.29", octet(b""))])
    add("idp-reasons-all", exts=[ext("2.5.29.28", seq(ctx(3, b"\x00\xff\xff\xff")))])
    add("crldp-reasons-all", exts=[ext("2.5.29.31", seq(seq(ctx(0, ctx(0, ctx(6, b"http://a"), True), True), ctx(1, b"\x00\xff\xff\xff"))))])
    add("err-ext-notseq", raw_exts=seq(octet(b"")))
    add("err-ext-nooid", raw_exts=seq(seq(octet(b""))))
    add("err-ext-noval", raw_exts=seq(seq(oid("1.2.3"))))
    add("err-ext-valnotoctet", raw_exts=seq(seq(oid("1.2.3"), integer(1))))
    add("ext-trailing-in-ext", raw_exts=seq(seq(oid("1.2.3"), octet(b""), integer(1))))
    add("ext-trailing-after-seq", raw_exts=seq(seq(oid("1.2.3"), octet(b""))) + integer(1))

    # --- header oddities ---
    add("ver-3", version=3)
    add("ver-neg", version=-1)
    add("ver-big", version=2**40)
    add("v1-with-exts", version=None, exts=[ext("1.2.3", b"")])
    add("v2-with-exts", version=1, exts=[ext("1.2.3", b"")])
    add("serial-huge", serial=integer(2**400 + 1))
    add("serial-minus1", serial=integer(-1))
    add("sig-extra", sigalg=seq(oid("1.2.840.113549.1.1.11"), null(), null()))
    add("sig-params-int", sigalg=seq(oid("1.2.840.113549.1.1.11"), integer(5)))
    add("sig-pss", sigalg=seq(oid("1.2.840.113549.1.1.10"), seq()))
    add("sig-ed25519", sigalg=seq(oid("1.3.101.112")))
    add("v2-uids", version=1, raw_exts=None)

    # --- java.net.URI grammar, as URIName and URIName.nameConstraint apply it ---
    uris = ["http://example.com", "http://example.com.", "http://-bad.com/", "http://a-.com/", "http://1.2.3.4/",
            "http://1.2.3.256/", "http://1.2.3/", "http://[::1]/", "http://[::1%eth0]/", "http://[fe80::1%25eth0]/",
            "http://[1:2:3:4:5:6:7:8]/", "http://[1:2:3:4:5:6:7:8:9]/", "http://[::ffff:1.2.3.4]/", "http://[1::2::3]/",
            "http://[12345::]/", "http://[]/", "http://user:pw@host:8080/p?q#f", "http://host:99999999999/",
            "http://host:abc/", "mailto:a@b", "urn:", "a:", "1http://x", "http://x/%zz", "http://x/%41", "http://x/\xfc",
            "http://\xfc.example/", "http://x/a b", "http://x/{}", "http://x/a|b", "http://x/?a=[1]", "http://x/#frag#2",
            "http:", "http:/path", "http:///path", "", "ldap://ldap.example.com/cn=x,o=y?certificateRevocationList;binary",
            "http://ex_ample.com/", "http://a..b/", "http://.a/", "http://a.1b/", "http://a.b1/", "http://1a.b/",
            "http://host:/", "http://@host/", "http://h@st@x/", "file:/etc", "http://x/\\", "http://x/`", "http://x/^",
            'http://x/"q"', "http://[v1.x]/", "http://x:80:80/", "http://[::1]:8080/", "http://[::1]x/", "s-+.3:x",
            "http://a%41.com/", "http://x/%4", "http://x?y", "http://x#", "#frag", "?q", "http://1.2.3.4.5/",
            "http://01.02.03.004/", "http://0001.2.3.4/", "http://256.1.1.1/", "http://[::1.2.3.4]/", "http://[1:2:3:4:5:6:1.2.3.4]/",
            "http://[1:2:3:4:5:6:7:1.2.3.4]/", "http://[::1.2.3]/", "http://host:8080", "HTTP://X", "http://x/\x7f",
            "http://x/\x00", "http://x:0/"]
    for i, u in enumerate(uris):
        add("uri-%02d" % i, exts=[ext("2.5.29.17", seq(ctx(6, u.encode("latin-1"))))])
    nc_uris = [".example.com", "example.com", "http://x", ".ex ample", "", ".", "a..b", "%41.com", "host#frag",
               "-a.com", ".a-.com", "a_b.com", "1.2.3.4", "//host", "/path"]
    for i, u in enumerate(nc_uris):
        add("ncuri-%02d" % i, exts=[ext("2.5.29.30", seq(ctx(0, seq(ctx(6, u.encode("latin-1"))), True)))])

    # --- more structure and key edge cases ---
    add("dup-unparseable", exts=[ext("2.5.29.14", octet(b"")), ext("2.5.29.14", integer(1))])
    add("dup-parse-and-unparseable", exts=[ext("2.5.29.14", octet(b"\x01")), ext("2.5.29.14", integer(1))])
    add("dup-unknown-known-name", exts=[ext("1.2.3", b""), ext("2.5.29.14", octet(b"\x01")), ext("1.2.3.4", b"\x05\x00")])
    add("bc-bool-len2", exts=[ext("2.5.29.19", seq(tlv(0x01, b"\xff\xff")))])
    add("crit-bool-len2", raw_exts=seq(seq(oid("1.2.3"), tlv(0x01, b"\xff\xff"), octet(b""))))
    add("ver-primitive", version=None, serial=ctx(0, b"\x02") + integer(7))
    add("uid-v2", version=1, uids=True)
    add("uid-v3-exts", version=2, uids=True, exts=[ext("1.2.3", b"")])
    add("uid-v1", version=None, uids=True)
    add("validity-extra", not_after=utc("350101000000Z") + utc("360101000000Z"))
    add("validity-wrongtag", not_before=ia5("250101000000Z"))
    add("time-utc-10", not_before=utc("2501010000"))
    add("time-utc-18", not_before=utc("250101000000.000Z"))
    add("time-gen-emptyfrac", not_before=gen("20250101000000.Z"))
    add("time-offset-2400", not_before=utc("250101000000+2400"))
    add("time-garbage", not_before=utc("250101000000X"))
    add("time-gen-comma", not_before=gen("20250101000000,5Z"))
    add("time-gen-offset", not_before=gen("20250101000000+0000"))
    add("time-lowercase-z", not_before=utc("250101000000z"))
    add("time-sec60", not_before=utc("250101000060Z"))
    add("time-day0", not_before=utc("250100000000Z"))
    add("time-hour24", not_before=utc("250101240000Z"))
    add("time-apr31", not_before=gen("20250431120000Z"))
    add("time-feb29-2100", not_before=gen("21000229000000Z"))
    add("sig-not-bitstring", signature=octet(b"\x00" * 16))
    add("tbs-trailing-field", exts=[ext("1.2.3", b"")], tail=integer(5))
    add("ext-ctx4", tail=ctx(4, seq(), True))
    add("ext-ctx3-primitive", tail=ctx(3, b""))
    add("ext-ctx3-empty-subject-ctx4", subject=seq(), issuer=cn("i"), tail=ctx(4, seq(), True))
    add("key-ec-badlen", spki=seq(seq(oid("1.2.840.10045.2.1"), oid("1.2.840.10045.3.1.7")), bitstring(b"\x04" + b"\x01" * 63)))
    add("key-ec-noparams", spki=seq(seq(oid("1.2.840.10045.2.1")), bitstring(b"\x04" + b"\x01" * 64)))
    add("key-ec-unknowncurve", spki=seq(seq(oid("1.2.840.10045.2.1"), oid("1.2.3.4")), bitstring(b"\x04" + b"\x01" * 64)))
    add("key-ed25519-badlen", spki=seq(seq(oid("1.3.101.112")), bitstring(b"\x01" * 31)))
    add("key-ed25519-params", spki=seq(seq(oid("1.3.101.112"), null()), bitstring(b"\x01" * 32)))
    add("key-ed25519-params-int", spki=seq(seq(oid("1.3.101.112"), integer(1)), bitstring(b"\x01" * 32)))
    add("key-x25519-badlen", spki=seq(seq(oid("1.3.101.110")), bitstring(b"\x01" * 33)))
    add("key-ed448-ok", spki=seq(seq(oid("1.3.101.113")), bitstring(b"\x01" * 57)))
    add("key-dsa-badparams", spki=seq(seq(oid("1.2.840.10040.4.1"), seq(integer(5))), bitstring(integer(7))))
    add("key-dsa-oiw", spki=seq(seq(oid("1.3.14.3.2.12"), seq(integer(2**1023 + 1), integer(2**159 + 1), integer(2))), bitstring(integer(7))))
    add("key-dsa-small", spki=seq(seq(oid("1.2.840.10040.4.1"), seq(integer(2**511 + 1), integer(2**159 + 1), integer(2))), bitstring(integer(7))))
    add("key-dsa-y-notint", spki=seq(seq(oid("1.2.840.10040.4.1")), bitstring(octet(b"\x07"))))
    for n, e in [("e2", 2), ("e3", 3), ("e4", 4), ("e65536", 65536)]:
        add("key-rsa-" + n, spki=seq(seq(oid("1.2.840.113549.1.1.1"), null()),
                                      bitstring(seq(integer((1 << 2047) + 12345), integer(e)))))
    add("key-rsa-negmod", spki=seq(seq(oid("1.2.840.113549.1.1.1"), null()),
                                    bitstring(seq(integer(b"\xc0" + b"\x01" * 255), integer(65537)))))
    add("key-rsa-trailing", spki=seq(seq(oid("1.2.840.113549.1.1.1"), null()),
                                      bitstring(seq(integer((1 << 2047) + 12345), integer(65537), integer(1)))))
    add("key-rsa-unused-bits", spki=seq(seq(oid("1.2.840.113549.1.1.1"), null()),
                                         bitstring(seq(integer((1 << 2047) + 12345), integer(65537)), 1)))
    add("key-rsa-params-int", spki=seq(seq(oid("1.2.840.113549.1.1.1"), integer(1)),
                                        bitstring(seq(integer((1 << 2047) + 12345), integer(65537)))))
    add("key-pss-badparams", spki=seq(seq(oid("1.2.840.113549.1.1.10"), integer(1)),
                                       bitstring(seq(integer((1 << 2047) + 12345), integer(65537)))))
    add("key-pss-emptyparams", spki=seq(seq(oid("1.2.840.113549.1.1.10"), seq()),
                                         bitstring(seq(integer((1 << 2047) + 12345), integer(65537)))))
    add("key-rsa-x500-oid", spki=seq(seq(oid("2.5.8.1.1"), null()), rsabits))
    add("key-rsa-pkcs1-arc", spki=seq(seq(oid("1.2.840.113549.1.1"), null()), rsabits))
    add("key-md5-oid", spki=seq(seq(oid("1.2.840.113549.2.5")), rsabits))
    add("key-sha1rsa-oid", spki=seq(seq(oid("1.2.840.113549.1.1.5")), rsabits))
    add("key-spki-trailing", spki=seq(seq(oid("1.2.3.4")), rsabits, null()))
    add("key-unknown-unused", spki=seq(seq(oid("1.2.3.4")), bitstring(b"\x80", 7)))
    add("key-dh-noparams", spki=seq(seq(oid("1.2.840.113549.1.3.1")), bitstring(integer(7))))
    add("otherName-ext-oid", exts=[ext("2.5.29.17", seq(ctx(0, oid("2.5.29.14") + ctx(0, octet(b"\x01"), True), True)))])
    add("otherName-noval", exts=[ext("2.5.29.17", seq(ctx(0, oid("1.2.3"), True)))])
    add("dirname-notseq", exts=[ext("2.5.29.17", seq(ctx(4, set_(), True)))])
    add("dirname-trailing", exts=[ext("2.5.29.17", seq(ctx(4, cn("x") + null(), True)))])
    add("rdn-not-set", subject=seq(seq(seq(oid("2.5.4.3"), utf8("x")))))
    add("ava-extra", subject=seq(set_(seq(oid("2.5.4.3"), utf8("x"), utf8("y")))))
    add("ava-noval", subject=seq(set_(seq(oid("2.5.4.3")))))
    add("aia-trailing-in-ad", exts=[ext("1.3.6.1.5.5.7.1.1", seq(seq(oid("1.3.6.1.5.5.7.48.1"), ctx(6, b"http://x"), null())))])
    add("aia-ad-set", exts=[ext("1.3.6.1.5.5.7.1.1", seq(set_(oid("1.3.6.1.5.5.7.48.1"), ctx(6, b"http://x"))))])
    add("eku-empty-name", exts=[ext("2.5.29.37", seq(oid("2.5.29.37.0"), oid("1.3.6.1.5.5.7.3.1")))])
    add("cp-qualifier-multi", exts=[ext("2.5.29.32", seq(seq(oid("1.2.3"), seq(seq(oid("1.3.6.1.5.5.7.2.1"), ia5("a"), ia5("b"))))))])
    add("pm-extra", exts=[ext("2.5.29.33", seq(seq(oid("1.2"), oid("1.3"), oid("1.4"))))])
    add("pm-short", exts=[ext("2.5.29.33", seq(seq(oid("1.2"))))])
    add("nc-minmax-big", exts=[ext("2.5.29.30", seq(ctx(0, seq(ctx(2, b"a"), ctx(1, b"\x01\x00\x00\x00\x00")), True)))])
    add("idp-dup-flag", exts=[ext("2.5.29.28", seq(ctx(1, b"\xff"), ctx(1, b"\x00")))])
    add("idp-flag-len2", exts=[ext("2.5.29.28", seq(ctx(1, b"\xff\xff")))])
    add("pku-dup", exts=[ext("2.5.29.16", seq(ctx(0, b"20061127202342Z"), ctx(0, b"20061127202342Z")))])
    add("pku-utc", exts=[ext("2.5.29.16", seq(ctx(0, b"061127202342Z")))])
    add("ski-constructed-octet", exts=[ext("2.5.29.14", tlv(0x24, octet(b"\x01")))])
    add("ku-wrapped-trailing", exts=[ext("2.5.29.15", octet(bitstring(b"\x80", 7)) + b"\x00")])
    add("ext-oid-bad", raw_exts=seq(seq(b"\x06\x00", octet(b""))))
    add("serial-negzero", serial=integer(b"\xff"))
    add("serial-ff-padded", serial=integer(b"\xff\xff\x01"))

    os.makedirs(outdir, exist_ok=True)
    for n, der in cases.items():
        if der is None:
            continue
        with open(os.path.join(outdir, n + ".der"), "wb") as f:
            f.write(der)


if __name__ == "__main__":
    main()
