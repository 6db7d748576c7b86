//! Who is using duban: the OS login of the real uid. Not `$USER`, which anyone can set.

/// The login name of the real user id, or `uid<N>` when the passwd database has no entry.
pub fn os_login() -> String {
    // SAFETY: getuid cannot fail. getpwuid_r writes into the buffers we own and hands back a
    // pointer into them (or null); we copy the name out before the buffers go away.
    unsafe {
        let uid = libc::getuid();
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result);
        if rc == 0 && !result.is_null() && !pwd.pw_name.is_null() {
            let name = std::ffi::CStr::from_ptr(pwd.pw_name)
                .to_string_lossy()
                .into_owned();
            if !name.is_empty() {
                return name;
            }
        }
        format!("uid{uid}")
    }
}

/// The id of a group given by name or number, from the group database.
pub fn group_id(name: &str) -> Option<u32> {
    if let Ok(gid) = name.parse::<u32>() {
        return Some(gid);
    }
    let cname = std::ffi::CString::new(name).ok()?;
    // SAFETY: getgrnam_r writes into the buffers we own and hands back a pointer into them (or
    // null); only the gid, a plain number, is read out.
    unsafe {
        let mut grp: libc::group = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 16 * 1024];
        let mut result: *mut libc::group = std::ptr::null_mut();
        let rc = libc::getgrnam_r(
            cname.as_ptr(),
            &mut grp,
            buf.as_mut_ptr(),
            buf.len(),
            &mut result,
        );
        (rc == 0 && !result.is_null()).then_some(grp.gr_gid)
    }
}
