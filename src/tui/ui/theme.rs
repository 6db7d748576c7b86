//! Colours by meaning. 16-colour ANSI only (any terminal, any SSH client); without colour the
//! same meanings show as reverse video, bold and the light glyphs.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::Light;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn plain(self) -> Style {
        Style::new()
    }

    pub fn alert(self) -> Style {
        self.fg(Color::Red)
    }

    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn muted(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The selected row of a pane without focus: still findable, quieter.
    pub fn selected_unfocused(self) -> Style {
        if self.color {
            Style::new().bg(Color::DarkGray).fg(Color::White)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn heading(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn title(self) -> Style {
        if self.color {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn light(self, light: Option<Light>) -> Style {
        match light {
            Some(Light::Red) => self.alert().add_modifier(Modifier::BOLD),
            Some(Light::Yellow) => self.warn(),
            Some(Light::Done) => self.ok(),
            Some(Light::Green) => self.ok(),
            Some(Light::Notice) => self.fg(Color::Blue),
            None => self.muted(),
        }
    }
}
