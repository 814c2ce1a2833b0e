//! The WGSL template language: `{{NAME}}` substitutions and `#if`/`#elif`/`#else`/`#endif` lines.
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
    // Each open `#if` keeps (this branch is active, some branch was already taken, parent active).
    let mut stack: Vec<(bool, bool, bool)> = Vec::new();
    let mut out = String::with_capacity(source.len());
    for (n, line) in source.lines().enumerate() {
        let n = n + 1;
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
    fn errors_name_the_line() {
        let e = specialise("t", "a\n{{NOPE}}\n", &Defines::default()).unwrap_err();
        assert!(e.to_string().contains("t:2"), "{e}");
        assert!(specialise("t", "#if A\n", &Defines::default()).is_err());
        assert!(specialise("t", "#endif\n", &Defines::default()).is_err());
        assert!(specialise("t", "#frobnicate\n", &Defines::default()).is_err());
    }
}
