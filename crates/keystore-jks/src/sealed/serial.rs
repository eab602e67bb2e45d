//! The narrow subset of Java object serialization that JCEKS secret-key entries use
//! (jks-jceks.md §6), read with an allow-list of classes and written from fixed templates.
//!
//! This is deliberately not a general deserializer: only `TC_OBJECT`, `TC_CLASSDESC`,
//! `TC_NULL`, `TC_REFERENCE`, `TC_STRING`, `TC_ARRAY` (of `byte`), `TC_ENUM` and
//! `TC_ENDBLOCKDATA` are understood; classes must be on the allow-list with their exact
//! `serialVersionUID` and flags; fields must be object fields; a field value may not be an
//! object (so there is no recursion beyond a short superclass chain).

use alloc::{string::String, vec::Vec};
use keystore_model::{Error, Malformed};

use crate::{cursor::Cursor, mutf8};

pub(crate) const STREAM_MAGIC: [u8; 4] = [0xac, 0xed, 0x00, 0x05];

const TC_NULL: u8 = 0x70;
const TC_REFERENCE: u8 = 0x71;
const TC_CLASSDESC: u8 = 0x72;
const TC_OBJECT: u8 = 0x73;
const TC_STRING: u8 = 0x74;
const TC_ARRAY: u8 = 0x75;
const TC_ENDBLOCKDATA: u8 = 0x78;
const TC_ENUM: u8 = 0x7e;

const BASE_HANDLE: u32 = 0x007e_0000;
const SC_SERIALIZABLE: u8 = 0x02;
const SC_ENUM: u8 = 0x10;
/// Longest superclass chain accepted (the allowed classes have at most one superclass).
const MAX_CLASS_DEPTH: u32 = 4;
/// Longest class chain of the top-level object (superclass references may form cycles).
const MAX_CHAIN: usize = 5;
/// Most fields a class descriptor may declare (the allowed classes have at most four). With
/// the depth cap this bounds the number of field values, so references to one long string
/// cannot be multiplied into a large allocation.
const MAX_FIELDS: u16 = 16;

/// A class Java may instantiate from a stream, with its `serialVersionUID` and flags.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AllowedClass {
    pub(crate) name: &'static str,
    pub(crate) suid: i64,
    pub(crate) flags: u8,
}

pub(crate) const BYTE_ARRAY: AllowedClass = AllowedClass {
    name: "[B",
    suid: 0xacf3_17f8_0608_54e0_u64.cast_signed(),
    flags: SC_SERIALIZABLE,
};
pub(crate) const SEALED_OBJECT_FOR_KEY_PROTECTOR: AllowedClass = AllowedClass {
    name: "com.sun.crypto.provider.SealedObjectForKeyProtector",
    suid: -3_650_226_485_480_866_989,
    flags: SC_SERIALIZABLE,
};
pub(crate) const SEALED_OBJECT: AllowedClass = AllowedClass {
    name: "javax.crypto.SealedObject",
    suid: 4_482_838_265_551_344_752,
    flags: SC_SERIALIZABLE,
};
pub(crate) const SECRET_KEY_SPEC: AllowedClass = AllowedClass {
    name: "javax.crypto.spec.SecretKeySpec",
    suid: 6_577_238_317_307_289_933,
    flags: SC_SERIALIZABLE,
};
pub(crate) const KEY_REP: AllowedClass = AllowedClass {
    name: "java.security.KeyRep",
    suid: -4_757_683_898_830_641_853,
    flags: SC_SERIALIZABLE,
};
pub(crate) const KEY_REP_TYPE: AllowedClass = AllowedClass {
    name: "java.security.KeyRep$Type",
    suid: 0,
    flags: SC_SERIALIZABLE | SC_ENUM,
};
pub(crate) const ENUM: AllowedClass = AllowedClass {
    name: "java.lang.Enum",
    suid: 0,
    flags: SC_SERIALIZABLE | SC_ENUM,
};

/// The outer stream of a tag-3 entry (JceKeyStore's filter).
pub(crate) const OUTER_CLASSES: &[AllowedClass] =
    &[SEALED_OBJECT_FOR_KEY_PROTECTOR, SEALED_OBJECT, BYTE_ARRAY];
/// The decrypted inner stream (`jceks.key.serialFilter`).
pub(crate) const INNER_CLASSES: &[AllowedClass] =
    &[SECRET_KEY_SPEC, KEY_REP, KEY_REP_TYPE, ENUM, BYTE_ARRAY];

/// A parsed class descriptor.
#[derive(Debug)]
struct StreamClass {
    name: &'static str,
    /// (type code, field name)
    fields: Vec<(u8, String)>,
    super_class: Option<usize>,
}

/// A field value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value<'a> {
    Null,
    Str(String),
    Bytes(&'a [u8]),
    Enum {
        class: &'static str,
        constant: String,
    },
}

/// What a handle refers to.
#[derive(Debug)]
enum Handle<'a> {
    Class(usize),
    Value(Value<'a>),
    /// The top-level object, which may not be referenced from its own fields.
    Object,
}

/// The one top-level object of a stream: its class chain (most derived first) and every
/// field value (superclass fields first, as they appear in the stream).
#[derive(Debug)]
pub(crate) struct Object<'a> {
    pub(crate) classes: Vec<&'static str>,
    pub(crate) fields: Vec<(String, Value<'a>)>,
}

impl<'a> Object<'a> {
    pub(crate) fn field(&self, name: &str) -> Option<&Value<'a>> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

struct Parser<'a, 'c> {
    cur: &'c mut Cursor<'a>,
    allowed: &'static [AllowedClass],
    classes: Vec<StreamClass>,
    handles: Vec<Handle<'a>>,
}

fn bad(what: &'static str) -> Malformed {
    Malformed::BadSerializedObject(what)
}

/// Parses one serialization stream (magic, version, one object) from the cursor, leaving it
/// just after the object.
pub(crate) fn parse_stream<'a>(
    cur: &mut Cursor<'a>,
    allowed: &'static [AllowedClass],
) -> Result<Object<'a>, Error> {
    let at = cur.pos();
    if cur.take(4)? != STREAM_MAGIC {
        return Err(cur.error_at(at, bad("not a Java serialization stream (ac ed 00 05)")));
    }
    let mut p = Parser {
        cur,
        allowed,
        classes: Vec::new(),
        handles: Vec::new(),
    };
    p.top_object()
}

impl<'a> Parser<'a, '_> {
    fn err(&self, at: usize, what: &'static str) -> Error {
        self.cur.error_at(at, bad(what))
    }

    fn new_handle(&mut self, h: Handle<'a>) -> usize {
        self.handles.push(h);
        self.handles.len() - 1
    }

    /// `TC_REFERENCE` payload: a handle number.
    fn reference(&mut self) -> Result<&Handle<'a>, Error> {
        let at = self.cur.pos();
        let h = self.cur.u32()?;
        h.checked_sub(BASE_HANDLE)
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.handles.get(i))
            .ok_or_else(|| self.cur.error_at(at, bad("dangling handle")))
    }

    fn top_object(&mut self) -> Result<Object<'a>, Error> {
        let at = self.cur.pos();
        if self.cur.u8()? != TC_OBJECT {
            return Err(self.err(at, "expected an object"));
        }
        let class = self.class_desc_required(0)?;
        self.new_handle(Handle::Object);
        // Class chain, most derived first; field data is written superclass first.
        let mut chain = Vec::new();
        let mut next = Some(class);
        while let Some(i) = next {
            let desc = self.classes.get(i).ok_or_else(|| self.err(at, "class"))?;
            if desc.name == BYTE_ARRAY.name
                || self
                    .allowed_class(desc.name)
                    .is_some_and(|c| c.flags & SC_ENUM != 0)
            {
                return Err(self.err(at, "top-level value is not a plain object"));
            }
            // A superclass reference may point back into the chain: bound the walk.
            if chain.len() > MAX_CHAIN || chain.contains(&i) {
                return Err(self.err(at, "class hierarchy too deep or cyclic"));
            }
            chain.push(i);
            next = desc.super_class;
        }
        let mut fields = Vec::new();
        for &i in chain.iter().rev() {
            let field_list: Vec<(u8, String)> = self
                .classes
                .get(i)
                .map(|d| d.fields.clone())
                .unwrap_or_default();
            for (_, name) in field_list {
                let value = self.field_value()?;
                fields.push((name, value));
            }
        }
        let classes = chain
            .iter()
            .filter_map(|&i| self.classes.get(i).map(|d| d.name))
            .collect();
        Ok(Object { classes, fields })
    }

    fn allowed_class(&self, name: &str) -> Option<&'static AllowedClass> {
        self.allowed.iter().find(|c| c.name == name)
    }

    /// A class descriptor that must not be null.
    fn class_desc_required(&mut self, depth: u32) -> Result<usize, Error> {
        let at = self.cur.pos();
        self.class_desc(depth)?
            .ok_or_else(|| self.err(at, "null class descriptor"))
    }

    /// `TC_CLASSDESC …`, `TC_REFERENCE` to one, or `TC_NULL`.
    fn class_desc(&mut self, depth: u32) -> Result<Option<usize>, Error> {
        let at = self.cur.pos();
        if depth > MAX_CLASS_DEPTH {
            return Err(self.err(at, "class hierarchy too deep"));
        }
        match self.cur.u8()? {
            TC_NULL => Ok(None),
            TC_REFERENCE => match self.reference()? {
                Handle::Class(i) => Ok(Some(*i)),
                _ => Err(self.err(at, "reference is not a class descriptor")),
            },
            TC_CLASSDESC => {
                let name_at = self.cur.pos();
                let name = self.cur.utf()?;
                let suid = self.cur.i64()?;
                let allowed = self
                    .allowed_class(&name)
                    .ok_or_else(|| self.err(name_at, "class rejected by the JCEKS filter"))?;
                if suid != allowed.suid {
                    return Err(self.err(name_at, "serialVersionUID mismatch"));
                }
                let index = self.classes.len();
                self.classes.push(StreamClass {
                    name: allowed.name,
                    fields: Vec::new(),
                    super_class: None,
                });
                self.new_handle(Handle::Class(index));
                let flags_at = self.cur.pos();
                if self.cur.u8()? != allowed.flags {
                    return Err(self.err(flags_at, "unexpected class flags"));
                }
                let count_at = self.cur.pos();
                let count = self.cur.u16()?;
                if count > MAX_FIELDS {
                    return Err(self.err(count_at, "too many fields"));
                }
                let mut fields = Vec::new();
                for _ in 0..count {
                    let field_at = self.cur.pos();
                    let code = self.cur.u8()?;
                    if code != b'[' && code != b'L' {
                        return Err(self.err(field_at, "primitive fields are not expected"));
                    }
                    let name = self.cur.utf()?;
                    // The field's type name: a string object.
                    self.string_value()?;
                    fields.push((code, name));
                }
                let end_at = self.cur.pos();
                if self.cur.u8()? != TC_ENDBLOCKDATA {
                    return Err(self.err(end_at, "class annotations are not expected"));
                }
                let super_class = self.class_desc(depth + 1)?;
                if let Some(desc) = self.classes.get_mut(index) {
                    desc.fields = fields;
                    desc.super_class = super_class;
                }
                Ok(Some(index))
            }
            _ => Err(self.err(at, "expected a class descriptor")),
        }
    }

    /// `TC_STRING` or a reference to a string.
    fn string_value(&mut self) -> Result<String, Error> {
        let at = self.cur.pos();
        match self.cur.u8()? {
            TC_STRING => {
                let s = self.cur.utf()?;
                self.new_handle(Handle::Value(Value::Str(s.clone())));
                Ok(s)
            }
            TC_REFERENCE => match self.reference()? {
                Handle::Value(Value::Str(s)) => Ok(s.clone()),
                _ => Err(self.err(at, "reference is not a string")),
            },
            _ => Err(self.err(at, "expected a string")),
        }
    }

    /// The value of an object field.
    fn field_value(&mut self) -> Result<Value<'a>, Error> {
        let at = self.cur.pos();
        match self.cur.peek_u8() {
            Some(TC_NULL) => {
                self.cur.u8()?;
                Ok(Value::Null)
            }
            Some(TC_STRING) => self.string_value().map(Value::Str),
            Some(TC_REFERENCE) => {
                self.cur.u8()?;
                match self.reference()? {
                    Handle::Value(v) => Ok(v.clone()),
                    _ => Err(self.err(at, "reference to an object or class")),
                }
            }
            Some(TC_ARRAY) => {
                self.cur.u8()?;
                let class = self.class_desc_required(0)?;
                if self.classes.get(class).map(|d| d.name) != Some(BYTE_ARRAY.name) {
                    return Err(self.err(at, "only byte arrays are expected"));
                }
                let handle = self.new_handle(Handle::Value(Value::Null));
                // Bounded by the remaining input before anything is taken.
                let bytes = self.cur.bytes_i32()?;
                if let Some(slot) = self.handles.get_mut(handle) {
                    *slot = Handle::Value(Value::Bytes(bytes));
                }
                Ok(Value::Bytes(bytes))
            }
            Some(TC_ENUM) => {
                self.cur.u8()?;
                let class = self.class_desc_required(0)?;
                let desc = self
                    .classes
                    .get(class)
                    .ok_or_else(|| self.err(at, "class"))?;
                let class_name = desc.name;
                let is_enum = self
                    .allowed_class(class_name)
                    .is_some_and(|c| c.flags & SC_ENUM != 0);
                let super_is_enum = desc
                    .super_class
                    .and_then(|s| self.classes.get(s))
                    .map(|s| s.name)
                    == Some(ENUM.name);
                if !is_enum || !super_is_enum {
                    return Err(self.err(at, "not an enum class"));
                }
                let handle = self.new_handle(Handle::Value(Value::Null));
                let constant = self.string_value()?;
                let value = Value::Enum {
                    class: class_name,
                    constant,
                };
                if let Some(slot) = self.handles.get_mut(handle) {
                    *slot = Handle::Value(value.clone());
                }
                Ok(value)
            }
            Some(TC_OBJECT) => Err(self.err(at, "nested objects are not expected")),
            Some(_) => Err(self.err(at, "unsupported type code")),
            None => Err(self.cur.error(Malformed::Truncated)),
        }
    }
}

/// Appends `u16` length and modified UTF-8.
///
/// # Errors
/// `Unencodable` over 65535 bytes.
pub(crate) fn write_utf(out: &mut Vec<u8>, s: &str) -> Result<(), Error> {
    let bytes = mutf8::encode(s);
    let len = u16::try_from(bytes.len())
        .map_err(|_| Error::Unencodable("string longer than 65535 bytes of modified UTF-8"))?;
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&bytes);
    Ok(())
}

/// Appends a `TC_CLASSDESC` header: name, SUID, flags and field count.
pub(crate) fn write_class_header(
    out: &mut Vec<u8>,
    class: &AllowedClass,
    fields: u16,
) -> Result<(), Error> {
    out.push(TC_CLASSDESC);
    write_utf(out, class.name)?;
    out.extend_from_slice(&class.suid.to_be_bytes());
    out.push(class.flags);
    out.extend_from_slice(&fields.to_be_bytes());
    Ok(())
}

/// Appends a field descriptor whose type name is a new string.
pub(crate) fn write_field(
    out: &mut Vec<u8>,
    code: u8,
    name: &str,
    type_name: &str,
) -> Result<(), Error> {
    out.push(code);
    write_utf(out, name)?;
    out.push(TC_STRING);
    write_utf(out, type_name)
}

/// Appends a field descriptor whose type name refers to an earlier string handle.
pub(crate) fn write_field_ref(
    out: &mut Vec<u8>,
    code: u8,
    name: &str,
    handle: u32,
) -> Result<(), Error> {
    out.push(code);
    write_utf(out, name)?;
    write_reference(out, handle);
    Ok(())
}

pub(crate) fn write_reference(out: &mut Vec<u8>, handle: u32) {
    out.push(TC_REFERENCE);
    out.extend_from_slice(&(BASE_HANDLE + handle).to_be_bytes());
}

pub(crate) fn write_string(out: &mut Vec<u8>, s: &str) -> Result<(), Error> {
    out.push(TC_STRING);
    write_utf(out, s)
}

/// `TC_ENDBLOCKDATA` then `TC_NULL` (no annotations, no superclass).
pub(crate) fn write_end_no_super(out: &mut Vec<u8>) {
    out.extend_from_slice(&[TC_ENDBLOCKDATA, TC_NULL]);
}

pub(crate) fn write_end(out: &mut Vec<u8>) {
    out.push(TC_ENDBLOCKDATA);
}

pub(crate) fn write_object_start(out: &mut Vec<u8>) {
    out.extend_from_slice(&STREAM_MAGIC);
    out.push(TC_OBJECT);
}

/// Appends a byte array with a new `[B` class descriptor.
pub(crate) fn write_byte_array_new_class(out: &mut Vec<u8>, bytes: &[u8]) -> Result<(), Error> {
    out.push(TC_ARRAY);
    write_class_header(out, &BYTE_ARRAY, 0)?;
    write_end_no_super(out);
    write_array_body(out, bytes)
}

/// Appends a byte array whose `[B` class descriptor is an earlier handle.
pub(crate) fn write_byte_array_ref_class(
    out: &mut Vec<u8>,
    class_handle: u32,
    bytes: &[u8],
) -> Result<(), Error> {
    out.push(TC_ARRAY);
    write_reference(out, class_handle);
    write_array_body(out, bytes)
}

fn write_array_body(out: &mut Vec<u8>, bytes: &[u8]) -> Result<(), Error> {
    let len = i32::try_from(bytes.len())
        .map_err(|_| Error::Unencodable("byte array longer than 2^31-1"))?;
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(bytes);
    Ok(())
}

/// Appends a `TC_ENUM` constant with new class descriptors for the enum and `java.lang.Enum`.
pub(crate) fn write_enum(
    out: &mut Vec<u8>,
    class: &AllowedClass,
    constant: &str,
) -> Result<(), Error> {
    out.push(TC_ENUM);
    write_class_header(out, class, 0)?;
    write_end(out);
    write_class_header(out, &ENUM, 0)?;
    write_end_no_super(out);
    write_string(out, constant)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use keystore_model::StoreFormat;

    fn parse(
        bytes: &[u8],
        allowed: &'static [AllowedClass],
    ) -> Result<(usize, Vec<&'static str>), Error> {
        let mut cur = Cursor::new(bytes, 0, StoreFormat::Jceks);
        let object = parse_stream(&mut cur, allowed)?;
        Ok((cur.pos(), object.classes))
    }

    fn what(r: Result<(usize, Vec<&'static str>), Error>) -> &'static str {
        match r {
            Err(Error::Malformed {
                what: Malformed::BadSerializedObject(w),
                ..
            }) => w,
            other => panic!("expected BadSerializedObject, got {other:?}"),
        }
    }

    /// `SecretKeySpec` header up to (not including) its superclass descriptor.
    fn spec_header(fields: &[(u8, &str, &str)]) -> Vec<u8> {
        let mut out = Vec::new();
        write_object_start(&mut out);
        write_class_header(
            &mut out,
            &SECRET_KEY_SPEC,
            u16::try_from(fields.len()).unwrap(),
        )
        .unwrap();
        for (code, name, ty) in fields {
            write_field(&mut out, *code, name, ty).unwrap();
        }
        write_end(&mut out);
        out
    }

    #[test]
    fn minimal_object_and_stream_end() {
        let mut s = spec_header(&[]);
        s.push(TC_NULL);
        let len = s.len();
        s.extend_from_slice(b"next entry");
        assert_eq!(
            parse(&s, INNER_CLASSES).unwrap(),
            (len, vec![SECRET_KEY_SPEC.name])
        );
    }

    #[test]
    fn cyclic_superclass() {
        let mut s = spec_header(&[]);
        write_reference(&mut s, 0); // superclass = itself
        assert_eq!(
            what(parse(&s, INNER_CLASSES)),
            "class hierarchy too deep or cyclic"
        );
    }

    #[test]
    fn class_filter_and_suid() {
        let mut s = spec_header(&[]);
        s.push(TC_NULL);
        assert_eq!(
            what(parse(&s, OUTER_CLASSES)),
            "class rejected by the JCEKS filter"
        );
        let mut wrong_suid = s.clone();
        wrong_suid[45] ^= 1;
        assert_eq!(
            what(parse(&wrong_suid, INNER_CLASSES)),
            "serialVersionUID mismatch"
        );
        let mut flags = s;
        flags[47] = 0x03;
        assert_eq!(what(parse(&flags, INNER_CLASSES)), "unexpected class flags");
    }

    #[test]
    fn field_limits() {
        let many: Vec<(u8, &str, &str)> =
            (0..17).map(|_| (b'L', "f", "Ljava/lang/String;")).collect();
        let mut s = spec_header(&many);
        s.push(TC_NULL);
        assert_eq!(what(parse(&s, INNER_CLASSES)), "too many fields");
        let mut s = spec_header(&[(b'I', "n", "")]);
        s.push(TC_NULL);
        assert_eq!(
            what(parse(&s, INNER_CLASSES)),
            "primitive fields are not expected"
        );
    }

    #[test]
    fn field_values() {
        let header = || {
            let mut s = spec_header(&[(b'L', "algorithm", "Ljava/lang/String;")]);
            s.push(TC_NULL);
            s
        };
        // A string, then the stream ends.
        let mut ok = header();
        write_string(&mut ok, "AES").unwrap();
        assert!(parse(&ok, INNER_CLASSES).is_ok());
        // Dangling and self references.
        let mut dangling = header();
        write_reference(&mut dangling, 99);
        assert_eq!(what(parse(&dangling, INNER_CLASSES)), "dangling handle");
        let mut to_class = header();
        write_reference(&mut to_class, 0);
        assert_eq!(
            what(parse(&to_class, INNER_CLASSES)),
            "reference to an object or class"
        );
        let mut to_object = header();
        write_reference(&mut to_object, 2);
        assert_eq!(
            what(parse(&to_object, INNER_CLASSES)),
            "reference to an object or class"
        );
        // Nested object, long string, block data.
        for (code, msg) in [
            (TC_OBJECT, "nested objects are not expected"),
            (0x7c, "unsupported type code"),
            (0x77, "unsupported type code"),
        ] {
            let mut s = header();
            s.push(code);
            assert_eq!(what(parse(&s, INNER_CLASSES)), msg);
        }
        // An array of another class.
        let mut s = header();
        s.push(TC_ARRAY);
        write_class_header(&mut s, &KEY_REP, 0).unwrap();
        write_end_no_super(&mut s);
        assert_eq!(
            what(parse(&s, INNER_CLASSES)),
            "only byte arrays are expected"
        );
        // An enum whose class is not an enum.
        let mut s = header();
        s.push(TC_ENUM);
        write_class_header(&mut s, &BYTE_ARRAY, 0).unwrap();
        write_end_no_super(&mut s);
        assert_eq!(what(parse(&s, INNER_CLASSES)), "not an enum class");
        // A byte array longer than the input.
        let mut s = header();
        s.push(TC_ARRAY);
        write_class_header(&mut s, &BYTE_ARRAY, 0).unwrap();
        write_end_no_super(&mut s);
        s.extend_from_slice(&1000_i32.to_be_bytes());
        s.extend_from_slice(&[0; 10]);
        assert!(matches!(
            parse(&s, INNER_CLASSES),
            Err(Error::Malformed {
                what: Malformed::LengthOverrun {
                    claimed: 1000,
                    remaining: 10
                },
                ..
            })
        ));
    }

    #[test]
    fn deep_hierarchy() {
        // Five nested superclass descriptors: over the depth cap.
        let mut s = spec_header(&[]);
        for _ in 0..5 {
            write_class_header(&mut s, &SECRET_KEY_SPEC, 0).unwrap();
            write_end(&mut s);
        }
        s.push(TC_NULL);
        assert_eq!(what(parse(&s, INNER_CLASSES)), "class hierarchy too deep");
    }
}
