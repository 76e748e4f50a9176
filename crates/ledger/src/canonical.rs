//! Canonical JSON: the one byte form that audit hashes (and, later, signatures) cover.
//!
//! Objects have their keys sorted by their UTF-8 bytes, there is no whitespace, strings are
//! escaped as `serde_json` escapes them (`"`, `\`, control characters; everything else as
//! UTF-8), and numbers are written as `serde_json` writes them (integers as integers, floats
//! in the shortest form that reads back to the same `f64`). This does not depend on whether
//! some crate in the build turns on `serde_json/preserve_order`.

use serde_json::Value;

/// The canonical bytes of a JSON value.
pub fn to_vec(v: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    write(v, &mut out);
    out
}

/// The canonical text of a JSON value.
pub fn to_string(v: &Value) -> String {
    // Canonical output is built from valid UTF-8 pieces only.
    String::from_utf8(to_vec(v)).unwrap_or_default()
}

fn write(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Value::String(s) => write_str(s, out),
        Value::Array(xs) => {
            out.push(b'[');
            for (i, x) in xs.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write(x, out);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            out.push(b'{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_str(k, out);
                out.push(b':');
                write(&map[k], out);
            }
            out.push(b'}');
        }
    }
}

fn write_str(s: &str, out: &mut Vec<u8>) {
    // serde_json's string escaping cannot fail on a &str.
    match serde_json::to_vec(s) {
        Ok(b) => out.extend_from_slice(&b),
        Err(_) => out.extend_from_slice(b"\"\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_at_every_depth_and_there_is_no_whitespace() {
        let v = json!({"b": 1, "a": {"z": [1, 2.5, null], "y": "x\"y"}, "ä": true});
        assert_eq!(to_string(&v), r#"{"a":{"y":"x\"y","z":[1,2.5,null]},"b":1,"ä":true}"#);
    }

    #[test]
    fn canonical_text_reads_back_to_the_same_canonical_text() {
        let v = json!({"x": 0.1, "big": 1e300, "neg": -7, "s": "عربي\n"});
        let text = to_string(&v);
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(to_string(&back), text);
    }
}
