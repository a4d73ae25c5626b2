"""Two ways through a journey: with the mouse, or with the keyboard alone.

A journey is written once against a driver. The keyboard driver reaches every control by
pressing Tab from where focus is, and at each stop checks that the focus is visible and that
focus moves forward through the page (a logical order, no trap), then operates the control with
Space, Enter or the arrow keys, as a keyboard user would.
"""

MAX_TABS = 120

FOCUS_STATE = """([target, previous]) => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    reached: el === target,
    onBody: el === document.body || el === document.documentElement,
    describe: el.outerHTML.slice(0, 160),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    visible: box.width > 0 && box.height > 0,
    forward: !previous || previous === el ||
      !!(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
    sameRadioGroup: !!(target && el.type === 'radio' && target.type === 'radio'
      && el.name === target.name && el.form === target.form),
  };
}"""


class MouseDriver:
    name = "mouse"

    def __init__(self, page):
        self.page = page

    def click(self, locator):
        locator.click()

    def fill(self, locator, text):
        locator.fill(text)

    def check(self, locator):
        locator.check()

    def choose(self, radio):
        radio.check()

    def select(self, select, label):
        select.select_option(label=label)

    def fill_date(self, locator, day):
        locator.fill(day.isoformat())

    def fill_time(self, locator, time):
        locator.fill(f"{time:%H:%M}")


class KeyboardDriver:
    name = "keyboard"
    formats = None

    def __init__(self, page):
        self.page = page

    def tab_to(self, locator, *, radio_group=False):
        """Press Tab until ``locator`` has focus; every stop on the way must show its focus."""
        target = locator.element_handle()
        previous = self.page.evaluate_handle("document.activeElement")
        wrapped = False
        stops = []
        for _ in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            state = self.page.evaluate(FOCUS_STATE, [target, previous])
            if state["onBody"]:
                # Focus left the page and came back to the top: allowed once, from the end.
                assert not wrapped, f"{locator} is not reachable with Tab; stops: {stops}"
                wrapped = True
                previous = None
                continue
            stops.append(state["describe"])
            assert state["visible"] and state["outline"], (
                f"focus is not visible on {state['describe']}"
            )
            assert state["forward"] or wrapped, (
                f"focus jumped backwards to {state['describe']} (after {stops[-2:]})"
            )
            if state["reached"] or (radio_group and state["sameRadioGroup"]):
                return
            previous = self.page.evaluate_handle("document.activeElement")
        raise AssertionError(f"{locator} not reached after {MAX_TABS} Tab presses: {stops[-10:]}")

    def click(self, locator):
        self.tab_to(locator)
        self.page.keyboard.press("Enter")

    def fill(self, locator, text):
        self.tab_to(locator)
        self.page.keyboard.press("ControlOrMeta+A")
        self.page.keyboard.type(text)

    def check(self, locator):
        self.tab_to(locator)
        if not locator.is_checked():
            self.page.keyboard.press("Space")
        assert locator.is_checked(), f"Space did not tick {locator}"

    def choose(self, radio):
        """Tab into the radio group, then move to the wanted option with the arrow keys."""
        self.tab_to(radio, radio_group=True)
        for _ in range(12):
            if radio.is_checked():
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"arrow keys never selected {radio}")

    def select(self, select, label):
        """A closed <select>: the arrow keys change the choice without opening the list."""
        self.tab_to(select)
        for _ in range(30):
            if select.evaluate("el => el.options[el.selectedIndex].text.trim()") == label:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"arrow keys never selected {label!r} in {select}")

    def _field_formats(self):
        """How this browser orders a date field's parts and whether times have AM/PM.

        Chromium takes both from the operating system's locale (dd.mm.yyyy and 24 hours in
        Norway, mm/dd/yyyy and AM/PM in the US), not from the page, so a keyboard user types
        what they see. Found once by typing into a scratch page.
        """
        if KeyboardDriver.formats is None:
            probe = self.page.context.new_page()
            probe.set_content('<input type="date" id="d"><input type="time" id="t">')
            probe.focus("#d")
            probe.keyboard.type("01022003")
            day_first = probe.input_value("#d") == "2003-02-01"
            probe.focus("#t")
            probe.keyboard.type("0130P")
            twelve_hours = probe.input_value("#t") == "13:30"
            probe.close()
            KeyboardDriver.formats = (day_first, twelve_hours)
        return KeyboardDriver.formats

    def fill_date(self, locator, day):
        day_first, _twelve_hours = self._field_formats()
        self.tab_to(locator)
        self.page.keyboard.type(day.strftime("%d%m%Y" if day_first else "%m%d%Y"))
        assert locator.input_value() == day.isoformat(), locator.input_value()

    def fill_time(self, locator, time):
        _day_first, twelve_hours = self._field_formats()
        self.tab_to(locator)
        if twelve_hours:
            self.page.keyboard.type(time.strftime("%I%M") + ("P" if time.hour >= 12 else "A"))
        else:
            self.page.keyboard.type(time.strftime("%H%M"))
        assert locator.input_value() == f"{time:%H:%M}", locator.input_value()


DRIVERS = {"mouse": MouseDriver, "keyboard": KeyboardDriver}
