//! The WGSL template language: `{{NAME}}` substitutions, `#if`/`#elif`/`#else`/`#endif`
//! lines, and `#for i in COUNT` … `#endfor`, which writes its body out COUNT times with `{{i}}`
//! the index (COUNT is a value or a number). Unrolling in the template keeps per-column
//! accumulators in registers: WGSL has no unroll pragma, and a loop-indexed local array can end
//! up in slow per-thread memory.
//!
//! Kernels live as templates in the repository's `shaders/` folder; a typed key (see
//! `kernels.rs`) turns into [`Defines`] and this module specialises the template with them.
//! Nothing here knows what the kernels compute.

use std::collections::BTreeMap;

use crate::error::CompileError;

/// The switches and constants a template is specialised with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Defines {
    flags: BTreeMap<&'static str, bool>,
    values: BTreeMap<&'static str, String>,
}

impl Defines {
    /// Sets switch `name` (tested by `#if name`).
    pub fn flag(mut self, name: &'static str, on: bool) -> Self {
        self.flags.insert(name, on);
        self
    }

    /// Sets `{{name}}` to `value`.
    pub fn value(mut self, name: &'static str, value: impl ToString) -> Self {
        self.values.insert(name, value.to_string());
        self
    }

    fn is_set(&self, name: &str) -> bool {
        self.flags.get(name).copied().unwrap_or(false)
    }
}

/// Specialises `source` (named `template` in errors) with `defines`.
///
/// Unknown `{{NAME}}`s and unbalanced directives are errors: a template and its key must agree.
/// Switches that are never set read as off.
pub fn specialise(
    template: &'static str,
    source: &str,
    defines: &Defines,
) -> Result<String, CompileError> {
    let err = |line: usize, message: String| CompileError::Template {
        template,
        line,
        message,
    };
    let lines: Vec<(usize, String)> = source
        .lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l.to_string()))
        .collect();
    let lines = unroll(&lines, defines).map_err(|(line, message)| err(line, message))?;
    // Each open `#if` keeps (this branch is active, some branch was already taken, parent active).
    let mut stack: Vec<(bool, bool, bool)> = Vec::new();
    let mut out = String::with_capacity(source.len());
    for (n, line) in &lines {
        let (n, line) = (*n, line.as_str());
        let active = stack.last().is_none_or(|s| s.0);
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix('#') {
            let mut words = rest.split_whitespace();
            let directive = words.next().unwrap_or("");
            let arg = words.next();
            match (directive, arg) {
                ("if", Some(name)) => {
                    let on = active && defines.is_set(name);
                    stack.push((on, on, active));
                }
                ("elif", Some(name)) => {
                    let Some(top) = stack.last_mut() else {
                        return Err(err(n, "#elif without #if".into()));
                    };
                    let on = top.2 && !top.1 && defines.is_set(name);
                    top.0 = on;
                    top.1 |= on;
                }
                ("else", None) => {
                    let Some(top) = stack.last_mut() else {
                        return Err(err(n, "#else without #if".into()));
                    };
                    top.0 = top.2 && !top.1;
                    top.1 = true;
                }
                ("endif", None) => {
                    if stack.pop().is_none() {
                        return Err(err(n, "#endif without #if".into()));
                    }
                }
                _ => return Err(err(n, format!("unknown directive `{}`", trimmed))),
            }
            continue;
        }
        if !active {
            continue;
        }
        substitute(line, defines, &mut out)
            .map_err(|name| err(n, format!("no value for `{{{{{name}}}}}`")))?;
        out.push('\n');
    }
    if !stack.is_empty() {
        return Err(err(source.lines().count(), "unclosed #if".into()));
    }
    Ok(out)
}

/// Writes out every `#for` loop of `lines` (numbered source lines); the copies keep their
/// source line numbers, for errors.
fn unroll(
    lines: &[(usize, String)],
    defines: &Defines,
) -> Result<Vec<(usize, String)>, (usize, String)> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let (n, line) = &lines[i];
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["#for", var, "in", count] => {
                let count: usize = match count.parse() {
                    Ok(c) => c,
                    Err(_) => defines
                        .values
                        .get(count)
                        .and_then(|v| v.parse().ok())
                        .ok_or((*n, format!("`#for` count `{count}` is not a number")))?,
                };
                // The body runs to the matching `#endfor`.
                let mut depth = 1;
                let mut end = i + 1;
                while end < lines.len() {
                    let w = lines[end].1.trim_start();
                    if w.starts_with("#for ") {
                        depth += 1;
                    } else if w.trim_end() == "#endfor" {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    end += 1;
                }
                if end == lines.len() {
                    return Err((*n, "`#for` without `#endfor`".into()));
                }
                let body = unroll(&lines[i + 1..end], defines)?;
                let pattern = format!("{{{{{var}}}}}");
                for k in 0..count {
                    let index = k.to_string();
                    out.extend(body.iter().map(|(n, l)| (*n, l.replace(&pattern, &index))));
                }
                i = end + 1;
            }
            ["#endfor"] => return Err((*n, "`#endfor` without `#for`".into())),
            _ => {
                out.push((*n, line.clone()));
                i += 1;
            }
        }
    }
    Ok(out)
}

/// Appends `line` to `out` with every `{{NAME}}` replaced; returns the first unknown name.
fn substitute(line: &str, defines: &Defines, out: &mut String) -> Result<(), String> {
    let mut rest = line;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            return Err(after.to_string());
        };
        let name = &after[..end];
        match defines.values.get(name) {
            Some(v) => out.push_str(v),
            None => return Err(name.to_string()),
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str, d: &Defines) -> String {
        specialise("test", src, d).unwrap()
    }

    #[test]
    fn substitutes_values() {
        let d = Defines::default().value("N", 4);
        assert_eq!(run("const N = {{N}}u;", &d), "const N = 4u;\n");
    }

    #[test]
    fn nested_conditionals_pick_one_branch() {
        let src = "#if A\na\n#if B\nab\n#else\nanb\n#endif\n#elif C\nc\n#else\nnone\n#endif\n";
        assert_eq!(run(src, &Defines::default().flag("A", true)), "a\nanb\n");
        assert_eq!(
            run(src, &Defines::default().flag("A", true).flag("B", true)),
            "a\nab\n"
        );
        assert_eq!(run(src, &Defines::default().flag("C", true)), "c\n");
        assert_eq!(run(src, &Defines::default()), "none\n");
        // A taken branch shuts the later ones even when their switch is on.
        assert_eq!(
            run(src, &Defines::default().flag("A", true).flag("C", true)),
            "a\nanb\n"
        );
    }

    #[test]
    fn inactive_branches_may_name_unknown_values() {
        assert_eq!(
            run("#if X\n{{MISSING}}\n#endif\nok\n", &Defines::default()),
            "ok\n"
        );
    }

    #[test]
    fn for_loops_unroll_with_the_index_and_nest_with_conditionals() {
        let d = Defines::default().value("B", 3).flag("P", true);
        let src = "#for c in B\nvar a{{c}} = {{c}};\n#if P\np{{c}}\n#endif\n#endfor\nend\n";
        assert_eq!(
            run(src, &d),
            "var a0 = 0;\np0\nvar a1 = 1;\np1\nvar a2 = 2;\np2\nend\n"
        );
        let nested = "#for i in 2\n#for j in 2\n{{i}}{{j}}\n#endfor\n#endfor\n";
        assert_eq!(run(nested, &d), "00\n01\n10\n11\n");
        assert!(specialise("t", "#for c in B\nx\n", &d).is_err());
        assert!(specialise("t", "#endfor\n", &d).is_err());
        let e = specialise("t", "a\n#for c in NOPE\n#endfor\n", &d).unwrap_err();
        assert!(e.to_string().contains("t:2"), "{e}");
    }

    #[test]
    fn errors_name_the_line() {
        let e = specialise("t", "a\n{{NOPE}}\n", &Defines::default()).unwrap_err();
        assert!(e.to_string().contains("t:2"), "{e}");
        assert!(specialise("t", "#if A\n", &Defines::default()).is_err());
        assert!(specialise("t", "#endif\n", &Defines::default()).is_err());
        assert!(specialise("t", "#frobnicate\n", &Defines::default()).is_err());
    }
}
